import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { getFieldType } from "../fields/registry.ts";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";
import type { MetadataSet } from "../metadata/metadata-types.ts";
import { own } from "../metadata/own-key.ts";

/**
 * Refuses a change that would take away an option records still hold: a
 * rollback to a version before the option existed, say. (A field change
 * retires such options instead, field-guards.ts; a rollback writes the old
 * version as it was, so it can only be refused, with the count.)
 */
export async function refuseLostOptions(
  tx: Db,
  schema: string,
  before: MetadataSet,
  after: MetadataSet,
): Promise<void> {
  for (const [entity, def] of Object.entries(after.entities)) {
    const previous = own(before.entities, entity)?.entity.fields;
    for (const [field, next] of Object.entries(def.entity.fields)) {
      const old = own(previous, field);
      const type = getFieldType(next.type);
      if (!old?.options || !next.options || old.type !== next.type || !type) continue;
      const lost = old.options.filter((o) => !next.options!.includes(o));
      if (lost.length === 0) continue;
      const column = sql.id(field);
      const holds = type.holdsSet
        ? sql`${column} && ${sql.val(lost)}::text[]`
        : sql`${column} = any(${sql.val(lost)}::text[])`;
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.id(schema, entity)} where ${holds}`.execute(tx);
      const count = rows[0]!.n;
      if (count > 0)
        throw ApiError.conflict(
          "options_in_use",
          tr(
            'the change would take options {options} away from field "{field}" of {entity}, which {count} records hold; change those records first',
            { options: lost.join(", "), field, entity, count },
          ),
          { field, options: lost, count },
        );
    }
  }
}
