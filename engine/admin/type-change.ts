import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { FieldContext } from "../fields/field-type.ts";
import { getFieldType } from "../fields/registry.ts";
import type { Sql } from "../fields/text-conversion.ts";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";
import { pointer, type MetadataProblem } from "../metadata/metadata-error.ts";
import type { MetadataSet } from "../metadata/metadata-types.ts";
import { own } from "../metadata/own-key.ts";
import { columnRoom } from "../sync/column-room.ts";
import { textCollationRef } from "../sync/text-collation.ts";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import { keptColumn } from "./kept-column.ts";

/** A company field whose type (or precision, scale) changes: its values convert. */
export interface TypeChange {
  entity: string;
  field: string;
  before: FieldMetadata;
  after: FieldMetadata;
}

export interface TypeChangePlan {
  changes: TypeChange[];
  /** Changes no conversion covers, each named. */
  problems: MetadataProblem[];
  /** Whether a storage problem (storage-changes.ts) is about a field this plan took over. */
  covers(problem: MetadataProblem): boolean;
}

/** Examples of values that would not convert, in a refusal. */
const exampleCount = 5;

/**
 * The company's own fields whose column a change of metadata would change
 * (type, precision, scale): each becomes a conversion when the new type
 * converts from the old one (engine/fields' `converts`), else a problem
 * naming both types. Base fields and a reference's target keep their
 * storage, refused as before (storage-changes.ts).
 */
export function planTypeChanges(
  before: MetadataSet,
  after: MetadataSet,
  base: MetadataSet,
  ctx: FieldContext,
  source: string,
): TypeChangePlan {
  const changes: TypeChange[] = [];
  const problems: MetadataProblem[] = [];
  const taken = new Set<string>();
  for (const [entity, def] of Object.entries(after.entities)) {
    const previous = own(before.entities, entity);
    if (!previous) continue;
    const baseFields = own(base.entities, entity)?.entity.fields;
    for (const [field, next] of Object.entries(def.entity.fields)) {
      const old = own(previous.entity.fields, field);
      if (!old || own(baseFields, field)) continue;
      const from = getFieldType(old.type);
      const to = getFieldType(next.type);
      if (!from || !to) continue;
      const retyped = old.type !== next.type;
      if (!retyped && from.sqlType(old, ctx) === to.sqlType(next, ctx)) continue;
      const at = pointer("entities", entity, "fields", field);
      taken.add(at);
      if (from.asText && to.converts?.from.includes(from.name)) {
        changes.push({ entity, field, before: old, after: next });
      } else {
        problems.push({
          source,
          pointer: `${at}/type`,
          rule: tr(
            'field "{field}" cannot change from {from} to {to}: a {to} field converts from {types}',
            {
              field,
              from: old.type,
              to: next.type,
              types: to.converts?.from.join(", ") ?? tr("no other type"),
            },
          ),
        });
      }
    }
  }
  return {
    changes,
    problems,
    covers: (p) => [...taken].some((at) => p.pointer.startsWith(`${at}/`)),
  };
}

/**
 * Converts the values of each changed field, in the caller's transaction
 * (which holds the company's metadata lock and a lock_timeout): first one
 * query counts the values that would not convert, and any makes the change a
 * 409 with the count and a few of them; then a field whose column type
 * changes is converted by one rewrite of the table, in which a new column
 * (kept-column.ts) takes the old values, so that no value is lost and a
 * rollback converts back. An UPDATE into a new column instead wrote every row
 * twice and every index with it (over a minute for a million customers).
 */
export async function convertFields(
  tx: Db,
  schema: string,
  changes: readonly TypeChange[],
  ctx: FieldContext,
  version: number,
): Promise<void> {
  for (const change of changes) {
    const { entity, field, before, after } = change;
    const from = getFieldType(before.type)!;
    const to = getFieldType(after.type)!;
    const conversion = to.converts!;
    const table = sql.id(schema, entity);
    const text = (column: string) => from.asText!(sql.id(column));
    // No value stays none (a cast of null may not be null: array[null]).
    const valueOf = (column: string): Sql => {
      const t = text(column);
      const none = conversion.blankIsEmpty
        ? sql`${t} is null or ${t} ~ ${sql.lit(blank)}`
        : sql`${t} is null`;
      return sql`case when ${none} then null else ${conversion.cast(t, after, ctx)} end`;
    };
    await refuseUnconvertible(tx, table, change, text(field), ctx);

    const column = to.sqlType(after, ctx);
    if (from.sqlType(before, ctx) === column) {
      // Same column: only values the new type reads differently (a blank that means none) change.
      await sql`update ${table} set ${sql.id(field)} = ${valueOf(field)}
        where ${sql.id(field)} is distinct from ${valueOf(field)}`.execute(tx);
      continue;
    }
    const room = await columnRoom(tx, schema, entity);
    if (room.left < 1)
      throw ApiError.conflict(
        "too_many_columns",
        tr(
          "{entity} has {used} columns, the most a PostgreSQL table can hold: changing the type of a field adds one",
          { entity, used: room.used },
        ),
        { used: room.used, dropped: room.dropped, left: room.left },
      );
    // One rewrite of the table: the kept column takes the old values and the
    // field's column the converted ones, both computed from the old row; the
    // field's indexes are rebuilt for the new type under their own names.
    const kept = sql.id(keptColumn(field, version));
    const oldColumn = sql.raw(from.sqlType(before, ctx));
    const collate = (columnType: string) =>
      columnType === "text" ? sql`collate ${textCollationRef(schema)}` : sql``;
    await sql`alter table ${table} add column ${kept} ${oldColumn} ${collate(from.sqlType(before, ctx))}`.execute(
      tx,
    );
    await sql`alter table ${table}
      alter column ${kept} type ${oldColumn} using ${sql.id(field)},
      alter column ${sql.id(field)} type ${sql.raw(column)} ${collate(column)} using ${valueOf(field)}`
      .execute(tx)
      .catch((err: unknown) => {
        throw collapsedValues(err, change) ?? err;
      });
  }
}

const blank = "^\\s*$";

/** A unique field whose values, converted, coincide (" 7" and "7" as integers): 409, not the index's error. */
function collapsedValues(err: unknown, { entity, field, before, after }: TypeChange) {
  if ((err as { code?: string }).code !== "23505") return undefined;
  return ApiError.conflict(
    "existing_duplicates",
    tr(
      'field "{field}" of {entity} cannot change from {from} to {to}: it is unique, and converted, values of different records would be equal; make them distinct first',
      { field, entity, from: before.type, to: after.type },
    ),
    { field, from: before.type, to: after.type },
  );
}

/** The 409 of a conversion some values would not survive, with how many and which. */
async function refuseUnconvertible(
  tx: Db,
  table: Sql,
  { entity, field, before, after }: TypeChange,
  t: Sql,
  ctx: FieldContext,
): Promise<void> {
  const conversion = getFieldType(after.type)!.converts!;
  const skipBlank = conversion.blankIsEmpty ? sql`and ${t} !~ ${sql.lit(blank)}` : sql``;
  // Materialized, then sorted: ordered by id and limited, the scan would walk the
  // primary key through the whole table (9 s instead of 1 for a million rows).
  const { rows } = await sql<{ id: string; value: string; total: number }>`
    with bad as materialized (
      select id, ${t} as value from ${table}
      where ${t} is not null ${skipBlank} and not ${conversion.accepts(t, after, ctx)})
    select id, value, (select count(*) from bad)::int as total from bad
    order by id limit ${sql.lit(exampleCount)}`.execute(tx);
  if (rows.length === 0) return;
  const count = rows[0]!.total;
  const examples = rows.map((r) => ({ id: r.id, value: r.value }));
  throw ApiError.conflict(
    "values_not_converting",
    tr(
      'field "{field}" of {entity} cannot change from {from} to {to}: {count} records hold a value that would not convert, for example {examples}; change those values first',
      {
        field,
        entity,
        from: before.type,
        to: after.type,
        count,
        examples: examples.map((e) => JSON.stringify(e.value)).join(", "),
      },
    ),
    { field, from: before.type, to: after.type, count, examples },
  );
}
