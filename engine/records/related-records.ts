import { sql, type Expression, type SqlBool } from "kysely";
import type { Actor } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { visibleFields } from "../metadata/entity-fields.ts";
import { refersToRecords } from "../fields/registry.ts";

/** Records of each entity that went along with a reassigned record. */
export type MovedRecords = Record<string, string[]>;

/**
 * Gives the records that refer to a reassigned record (a customer's contacts
 * and activities, through any reference field to it the user sees) its new
 * owner, when they belonged to its old owner and the user may reassign them
 * (the update right on their entity, and their owner within the user's role
 * scope: a share is not enough, as for the record itself). One level only:
 * what refers to those records stays where it is. Runs in the reassignment's
 * transaction and bumps each moved record's version.
 */
export async function moveRelated(
  tx: Db,
  company: CompanyContext,
  actor: Actor,
  target: { entity: string; id: string; from: string; to: string },
  now: Date,
): Promise<MovedRecords> {
  const moved: MovedRecords = {};
  if (target.from === target.to) return moved;
  for (const [key, def] of Object.entries(company.meta.entities).sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    const fields = visibleFields(def)
      .filter(([, f]) => refersToRecords(f) && f.entity === target.entity)
      .map(([name]) => name);
    if (fields.length === 0) continue;
    if (!company.policy.allows(key, "update")) continue;
    const refers = fields.map((f) => sql<SqlBool>`${sql.ref(`r.${f}`)} = ${target.id}`);
    const scope = company.policy.scope(company, key, "manage", "r", actor);
    const where: Expression<SqlBool>[] = [
      sql<SqlBool>`(${sql.join(refers, sql` or `)})`,
      sql<SqlBool>`r.owner = ${target.from}`,
      sql<SqlBool>`r.id <> ${target.id}`,
      ...(scope ? [scope] : []),
    ];
    const rows = (await tx
      .updateTable(`${company.schema}.${key} as r`)
      .set({
        owner: target.to,
        version: sql`r.version + 1`,
        updatedBy: actor.userId,
        updatedAt: now,
      })
      .where(() => sql<SqlBool>`${sql.join(where, sql` and `)}`)
      .returning("r.id")
      .execute()) as { id: string }[];
    if (rows.length > 0) moved[key] = rows.map((r) => r.id).sort();
  }
  return moved;
}
