import { sql, type Expression, type SqlBool } from "kysely";
import type { CompanyContext } from "../companies/company-context.ts";
import { shareTable } from "./share-table.ts";

/**
 * What a scope is checked for: shares open records to read, edit shares also
 * to update. Deleting and managing (reassigning, sharing, unsharing) are the
 * owner's and the role scope's rights, never a sharee's. "written" reads back
 * a record the actor has just changed, which a reassignment may have moved
 * out of their scope.
 */
export type ScopePurpose = "read" | "update" | "delete" | "manage" | "written";

/**
 * The actor as bound into a statement: the id, department and owner sets as
 * plain values, or as the `Slot`s of a statement compiled once
 * (statement-cache.ts); which entities have shares is the statement's shape.
 */
export interface ActorValues {
  readonly userId: unknown;
  readonly departmentId: unknown;
  readonly departmentUsers: unknown;
  readonly treeUsers: unknown;
  readonly departmentLine: unknown;
  readonly sharedEntities: ReadonlySet<string>;
}

/**
 * The condition that limits an entity's rows (under `alias`) to those the
 * actor may read, update or delete, or undefined when the user's roles open
 * them all. Scopes follow the owner's current department: the owner is the
 * actor (own), one of the users of the actor's department (department), or
 * of it and every department below it (departmentTree) — sets gathered once
 * per request (load-access.ts) and bound as arrays, so that the condition is
 * cheap to plan and answered from the list indexes, which carry the owner.
 * Records shared with the actor, the actor's department, or a department
 * above it shared "with its sub-departments" are added, tested only for
 * entities the actor has shares in.
 *
 * @example
 * db.selectFrom("acme.customer as r").where(() => scopeCondition(company, "customer", "read", "r", actor)!)
 */
export function scopeCondition(
  company: CompanyContext,
  entity: string,
  purpose: ScopePurpose,
  alias: string,
  actor: ActorValues,
): Expression<SqlBool> | undefined {
  const { access } = company;
  if (access.kind === "all" || purpose === "written") return undefined;
  const scope = access.entities[entity]?.scope;
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
