import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { CompanyContext } from "../companies/company-context.ts";
import { departmentTable } from "../org/org-tables.ts";
import { shareTable } from "./share-table.ts";

/**
 * What a scope is checked for: shares open records to read, edit shares also
 * to update. "written" reads back a record the actor has just changed, which
 * a reassignment may have moved out of their scope.
 */
export type ScopePurpose = "read" | "update" | "delete" | "written";

/**
 * The actor's id and department as they are bound into a statement: plain
 * values, or the `Slot`s of a statement compiled once (statement-cache.ts).
 */
export interface ActorValues {
  readonly userId: unknown;
  readonly departmentId: unknown;
}

/**
 * The condition that limits an entity's rows (under `alias`) to those the
 * actor may read, update or delete, or undefined when the user's roles open
 * them all. Scopes follow the owner's current department: the owner is in
 * the actor's own set of users (own: the actor alone; department: the
 * actor's department; departmentTree: it and every department below it).
 * Records shared with the actor or the actor's department are added. The
 * users and shares are gathered once per statement into arrays, so that the
 * condition can use the owner and id indexes.
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
      : sql<SqlBool>`${owner} = any(array(${ownersOf(company.schema, scope, actor)}))`;
  if (purpose === "delete") return owners;
  const edit = purpose === "update" ? sql`and s.access = 'edit'` : sql``;
  return sql<SqlBool>`(${owners} or ${sql.ref(`${alias}.id`)} = any(array(
    select s.record_id from ${sql.id(company.schema, shareTable)} s
    where s.entity = ${sql.lit(entity)} ${edit}
      and (s.user_id = ${actor.userId} or s.department_id = ${actor.departmentId}))))`;
}

/** The actor and the users of the actor's department (and, for a tree, of its sub-departments). */
function ownersOf(
  schema: string,
  scope: "department" | "departmentTree",
  actor: ActorValues,
): RawBuilder<unknown> {
  const users = sql.id(schema, "sys_user");
  if (scope === "department")
    return sql`select u.id from ${users} u where u.id = ${actor.userId} or u.department_id = ${actor.departmentId}`;
  return sql`select u.id from ${users} u where u.id = ${actor.userId} or u.department_id in (
    with recursive tree(id) as (
      select cast(${actor.departmentId} as uuid)
      union all
      select d.id from ${sql.id(schema, departmentTable)} d join tree on d.parent_id = tree.id)
    select id from tree)`;
}
