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
 * changes gets a new column of the new type, filled from the old one, which
 * is kept under another name (kept-column.ts), so no value is lost and a
 * rollback converts back. Indexes on the old column are dropped: sync builds
 * the field's indexes anew on the new one.
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
    const valueOf = (column: string): Sql => {
      const t = text(column);
      return conversion.blankIsEmpty
        ? sql`case when ${t} ~ ${blank} then null else ${conversion.cast(t, after, ctx)} end`
        : conversion.cast(t, after, ctx);
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
    const kept = keptColumn(field, version);
    for (const index of await indexesOn(tx, schema, entity, field))
      await sql`drop index ${sql.id(schema, index)}`.execute(tx);
    await sql`alter table ${table} rename column ${sql.id(field)} to ${sql.id(kept)}`.execute(tx);
    const collate = column === "text" ? sql`collate ${textCollationRef(schema)}` : sql``;
    await sql`alter table ${table} add column ${sql.id(field)} ${sql.raw(column)} ${collate}`.execute(
      tx,
    );
    await sql`update ${table} set ${sql.id(field)} = ${valueOf(kept)}
      where ${sql.id(kept)} is not null`.execute(tx);
  }
}

const blank = "^\\s*$";

/** The 409 of a conversion some values would not survive, with how many and which. */
async function refuseUnconvertible(
  tx: Db,
  table: Sql,
  { entity, field, before, after }: TypeChange,
  t: Sql,
  ctx: FieldContext,
): Promise<void> {
  const conversion = getFieldType(after.type)!.converts!;
  const skipBlank = conversion.blankIsEmpty ? sql`and ${t} !~ ${blank}` : sql``;
  const { rows } = await sql<{ id: string; value: string; total: number }>`
    select id, ${t} as value, (count(*) over ())::int as total from ${table}
    where ${t} is not null ${skipBlank} and not ${conversion.accepts(t, after, ctx)}
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

/** Indexes of a table that use a column: they move with it on a rename, so the new column gets its own. */
async function indexesOn(tx: Db, schema: string, table: string, column: string) {
  const { rows } = await sql<{ name: string }>`
    select distinct i.relname as name from pg_catalog.pg_index x
    join pg_catalog.pg_class i on i.oid = x.indexrelid
    join pg_catalog.pg_class t on t.oid = x.indrelid
    join pg_catalog.pg_namespace n on n.oid = t.relnamespace
    join pg_catalog.pg_attribute a on a.attrelid = t.oid and a.attnum = any(x.indkey)
    where n.nspname = ${schema} and t.relname = ${table} and a.attname = ${column}`.execute(tx);
  return rows.map((r) => r.name);
}
