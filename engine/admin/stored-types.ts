import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { FieldContext } from "../fields/field-type.ts";
import { getFieldType } from "../fields/registry.ts";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";
import type { MetadataSet } from "../metadata/metadata-types.ts";
import { own } from "../metadata/own-key.ts";

/**
 * Refuses a change that brings back an entity (a rollback across its
 * archiving or creation, a company's own entity brought back) whose columns
 * a type change converted meanwhile: sync never alters a column, so the
 * metadata would say text where the column holds integers, and every write
 * of such a value would fail. Type changes between two versions that both
 * have the entity are converted instead (type-change.ts).
 */
export async function refuseStoredTypes(
  tx: Db,
  schema: string,
  before: MetadataSet,
  after: MetadataSet,
  ctx: FieldContext,
): Promise<void> {
  const wanted = Object.entries(after.entities)
    .filter(([entity]) => !own(before.entities, entity))
    .flatMap(([entity, def]) =>
      Object.entries(def.entity.fields).flatMap(([field, f]) => {
        const type = getFieldType(f.type);
        return type ? [{ entity, field, type: f.type, column: type.sqlType(f, ctx) }] : [];
      }),
    );
  if (wanted.length === 0) return;
  const values = sql.join(
    wanted.map((w) => sql`(${w.entity}, ${w.field}, ${w.column})`),
    sql`, `,
  );
  const { rows } = await sql<{ entity: string; field: string; stored: string }>`
    select w.entity, w.field, format_type(a.atttypid, a.atttypmod) as stored
    from (values ${values}) as w(entity, field, column_type)
    join pg_catalog.pg_namespace n on n.nspname = ${schema}
    join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = w.entity
    join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = w.field
      and a.attnum > 0 and not a.attisdropped
    where a.atttypid <> to_regtype(w.column_type)`.execute(tx);
  const first = rows[0];
  if (!first) return;
  const type = wanted.find((w) => w.entity === first.entity && w.field === first.field)!.type;
  throw ApiError.conflict(
    "stored_type_differs",
    tr(
      'field "{field}" of {entity} holds {stored} values since a later change of its type, while this version makes it a {type} field: choose a later version, or bring the entity back and change the field\'s type there',
      { field: first.field, entity: first.entity, stored: first.stored, type },
    ),
    { fields: rows.map((r) => `${r.entity}.${r.field}`) },
  );
}
