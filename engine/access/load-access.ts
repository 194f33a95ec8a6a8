import { sql } from "kysely";
import { unscopedActor, type Actor } from "../companies/actor.ts";
import type { Db } from "../db/database.ts";
import { Slot, StatementCache } from "../db/statement-cache.ts";
import { departmentTable } from "../org/org-tables.ts";
import type { RolePermissions } from "../org/role-permissions.ts";
import { roleTable, userRoleTable } from "../org/role-tables.ts";
import { grantsAll, mergeRoles, type AccessGrant } from "./access-grant.ts";
import { shareTable } from "./share-table.ts";

export interface UserAccess {
  actor: Actor;
  grant: AccessGrant;
}

const statements = new StatementCache();
const merged = new Map<string, AccessGrant>();
const maxMerged = 1000;
/** Each user's access as of a version of their company's access counter (access-state-table.ts). */
const accesses = new Map<string, { version: number; access: UserAccess }>();
const maxAccesses = 10_000;

interface AccessRow {
  department_id: string | null;
  permissions: string;
  department_users: string[];
  tree_users: string[];
  department_line: string[];
  shared_entities: string[];
}

/**
 * The user's department and those above it, merged roles, the owners their
 * scopes open and the entities shared with them. Owners are gathered here, once, so that record
 * statements compare `owner` with a bound array instead of planning
 * subqueries on every read. Given the company's access counter as read with
 * the session, the answer is kept until the counter moves — any change to
 * users, roles, departments or shares moves it — so a change holds from the
 * next request while most requests read nothing. Admins need none.
 */
export async function loadAccess(
  db: Db,
  schema: string,
  user: { id: string; isAdmin: boolean },
  version?: number,
): Promise<UserAccess> {
  if (user.isAdmin) return { actor: unscopedActor(user.id), grant: grantsAll };
  if (version === undefined) return readAccess(db, schema, user.id);
  const key = `${schema}|${user.id}`;
  const known = accesses.get(key);
  if (known?.version === version) return known.access;
  const access = await readAccess(db, schema, user.id);
  if (accesses.size >= maxAccesses) accesses.delete(accesses.keys().next().value!);
  accesses.delete(key);
  accesses.set(key, { version, access });
  return access;
}

async function readAccess(db: Db, schema: string, userId: string): Promise<UserAccess> {
  const [row] = await statements.run<AccessRow>(db, schema, [userId], () => {
    const t = (name: string) => sql.id(schema, name);
    // At most as deep as the tree: moves that would make a cycle are refused (org routes).
    const line = sql`with recursive up(id, parent_id) as (
        select d.id, d.parent_id from ${t(departmentTable)} d where d.id = u.department_id
        union all
        select p.id, p.parent_id from ${t(departmentTable)} p join up on p.id = up.parent_id)
      select id from up`;
    return db
      .selectFrom(`${schema}.sys_user as u`)
      .select([
        "u.department_id",
        sql<string>`coalesce((select json_agg(r.permissions order by r.key)::text
          from ${t(userRoleTable)} ur join ${t(roleTable)} r on r.id = ur.role_id
          where ur.user_id = u.id), '[]')`.as("permissions"),
        sql<string[]>`array(select d.id from ${t("sys_user")} d
          where d.id = u.id or d.department_id = u.department_id)`.as("department_users"),
        sql<string[]>`array(select m.id from ${t("sys_user")} m
          where m.id = u.id or m.department_id in (
            with recursive tree(id) as (
              select u.department_id
              union all
              select c.id from ${t(departmentTable)} c join tree on c.parent_id = tree.id)
            select id from tree))`.as("tree_users"),
        sql<string[]>`array(${line})`.as("department_line"),
        sql<string[]>`array(select distinct s.entity from ${t(shareTable)} s
          where s.user_id = u.id or s.department_id = u.department_id
            or (s.sub_departments and s.department_id in (${line})))`.as("shared_entities"),
      ])
      .where("u.id", "=", new Slot(0));
  });
  const text = row?.permissions ?? "[]";
  let grant = merged.get(text);
  if (!grant) {
    grant = mergeRoles(JSON.parse(text) as RolePermissions[]);
    if (merged.size >= maxMerged) merged.delete(merged.keys().next().value!);
    merged.set(text, grant);
  }
  if (!row) return { actor: unscopedActor(userId), grant };
  return {
    actor: {
      userId,
      departmentId: row.department_id,
      departmentUsers: row.department_users,
      treeUsers: row.tree_users,
      departmentLine: row.department_line,
      sharedEntities: new Set(row.shared_entities),
    },
    grant,
  };
}

declare module "../http/app-env.ts" {
  interface RequestVariables {
    /** The session's user with their current department, for record scopes and shares. */
    actor: Actor;
  }
}
