import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { Slot, StatementCache } from "../db/statement-cache.ts";
import type { RolePermissions } from "../org/role-permissions.ts";
import { roleTable, userRoleTable } from "../org/role-tables.ts";
import { grantsAll, mergeRoles, type AccessGrant } from "./access-grant.ts";

/** Who is asking, as record scopes and shares need it. */
export interface Actor {
  readonly userId: string;
  /** The user's current department: scopes follow it, so moving a user moves what they see. */
  readonly departmentId: string | null;
}

export interface UserAccess {
  actor: Actor;
  grant: AccessGrant;
}

const statements = new StatementCache();
const merged = new Map<string, AccessGrant>();
const maxMerged = 1000;

/**
 * The user's department and merged roles, read on every request so that a
 * role or department change holds from the next one. Admins need neither.
 */
export async function loadAccess(
  db: Db,
  schema: string,
  user: { id: string; isAdmin: boolean },
): Promise<UserAccess> {
  if (user.isAdmin) return { actor: { userId: user.id, departmentId: null }, grant: grantsAll };
  const [row] = await statements.run<{ department_id: string | null; permissions: string }>(
    db,
    schema,
    [user.id],
    () =>
      db
        .selectFrom(`${schema}.sys_user as u`)
        .select([
          "u.department_id",
          sql<string>`coalesce((select json_agg(r.permissions order by r.key)::text
            from ${sql.id(schema, userRoleTable)} ur
            join ${sql.id(schema, roleTable)} r on r.id = ur.role_id
            where ur.user_id = u.id), '[]')`.as("permissions"),
        ])
        .where("u.id", "=", new Slot(0)),
  );
  const text = row?.permissions ?? "[]";
  let grant = merged.get(text);
  if (!grant) {
    grant = mergeRoles(JSON.parse(text) as RolePermissions[]);
    if (merged.size >= maxMerged) merged.delete(merged.keys().next().value!);
    merged.set(text, grant);
  }
  return { actor: { userId: user.id, departmentId: row?.department_id ?? null }, grant };
}
