import { v7 as uuidv7 } from "uuid";
import { hashPassword } from "../../engine/companies/password.ts";
import type { RolePermissions } from "../../engine/org/role-permissions.ts";
import type { TestEngine } from "./test-engine.ts";

/** A role that opens every module and every entity of the company, with every action, to all records. */
export async function everythingRole(engine: TestEngine, slug: string): Promise<RolePermissions> {
  const company = await engine.deps.companies.get((await engine.deps.companies.find(slug))!);
  return {
    modules: company.meta.modules.modules.map((m) => m.key),
    entities: Object.fromEntries(
      Object.keys(company.meta.entities).map((e) => [
        e,
        { actions: engine.deps.modules.actionKeys, scope: "all" },
      ]),
    ),
  };
}

/**
 * Adds a user who is not a company admin, straight into the database, with
 * one role of the given permissions (default: everything). Returns the id.
 */
export async function addStaffUser(
  engine: TestEngine,
  slug: string,
  username: string,
  password: string,
  options: {
    permissions?: RolePermissions;
    departmentId?: string | null;
    displayName?: string;
  } = {},
): Promise<string> {
  const db = engine.deps.database.db;
  const schema = `co_${slug}`;
  const id = uuidv7();
  await db
    .insertInto(`${schema}.sys_user`)
    .values({
      id,
      username,
      display_name: options.displayName ?? username,
      password_hash: await hashPassword(password),
      is_admin: false,
      department_id: options.departmentId ?? null,
    })
    .execute();
  const roleId = uuidv7();
  await db
    .insertInto(`${schema}.sys_role`)
    .values({
      id: roleId,
      key: `role_${username}`,
      name: `Role of ${username}`,
      permissions: JSON.stringify(options.permissions ?? (await everythingRole(engine, slug))),
      created_at: new Date(),
    })
    .execute();
  await db.insertInto(`${schema}.sys_user_role`).values({ user_id: id, role_id: roleId }).execute();
  return id;
}
