import { sql, type Expression, type SqlBool } from "kysely";
import type { ActorValues } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { ScopePurpose } from "../companies/record-policy.ts";
import type { RoleGrant } from "./access-grant.ts";
import { shareTable } from "./share-table.ts";

/**
 * The condition that limits an entity's rows (under `alias`) to those the
 * actor may read, update or delete, or undefined when the user's roles (the
 * grant) open them all. Scopes follow the owner's current department: the
 * owner is the actor (own), one of the users of the actor's department
 * (department), or of it and every department below it (departmentTree) —
 * sets gathered once per request (load-access.ts) and bound as arrays, so
 * that the condition is cheap to plan and answered from the list indexes,
 * which carry the owner.
 * Records shared with the actor, the actor's department, or a department
 * above it shared "with its sub-departments" are added, tested only for
 * entities the actor has shares in.
 *
 * @example
 * db.selectFrom("acme.customer as r").where(() => scopeCondition(company, grant, "customer", "read", "r", actor)!)
 */
export function scopeCondition(
  company: CompanyContext,
  grant: RoleGrant,
  entity: string,
  purpose: ScopePurpose,
  alias: string,
  actor: ActorValues,
): Expression<SqlBool> | undefined {
  if (purpose === "written") return undefined;
  const scope = grant.entities[entity]?.scope;
  if (scope === undefined) return sql<SqlBool>`false`;
  if (scope === "all") return undefined;
  const owner = sql.ref(`${alias}.owner`);
  const owners =
    scope === "own"
      ? sql<SqlBool>`${owner} = ${actor.userId}`
      : sql<SqlBool>`${owner} = any(cast(${scope === "department" ? actor.departmentUsers : actor.treeUsers} as uuid[]))`;
  if (purpose === "delete" || purpose === "manage" || !actor.sharedEntities.has(entity))
    return owners;
  const edit = purpose === "update" ? sql`and s.access = 'edit'` : sql``;
  return sql<SqlBool>`(${owners} or ${sql.ref(`${alias}.id`)} = any(array(
    select s.record_id from ${sql.id(company.schema, shareTable)} s
    where s.entity = ${sql.lit(entity)} ${edit}
      and (s.user_id = ${actor.userId} or s.department_id = ${actor.departmentId}
        or (s.sub_departments and s.department_id = any(cast(${actor.departmentLine} as uuid[])))))))`;
}
