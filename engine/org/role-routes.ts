import { sql } from "kysely";
import { audit } from "../audit/audit-log.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { ApiError } from "../http/api-error.ts";
import { bodyChecker } from "../http/check-body.ts";
import { readJsonObject } from "../http/read-json.ts";
import type { Routes } from "../http/routes.ts";
import { problemsText } from "../metadata/metadata-error.ts";
import { orgTransaction } from "./org-transaction.ts";
import { checkRolePermissions, type RolePermissions } from "./role-permissions.ts";
import { roleTable, userRoleTable } from "./role-tables.ts";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { tr } from "../i18n/text.ts";
import { noRecord } from "../records/record-texts.ts";
import { systemTables } from "../db/system-tables.ts";

const name = { type: "string", minLength: 1, maxLength: 100, pattern: "\\S" };
const checkCreate = bodyChecker<{ key: string; name: string; permissions: unknown }>({
  type: "object",
  additionalProperties: false,
  required: ["key", "name", "permissions"],
  properties: { key: { type: "string", pattern: "^[a-z][a-z0-9_]{0,39}$" }, name, permissions: {} },
});
const checkPatch = bodyChecker<{ name?: string; permissions?: unknown }>({
  type: "object",
  additionalProperties: false,
  properties: { name, permissions: {} },
});

/** A permission set refused with every problem, each with its pointer into the set. */
function validPermissions(value: unknown, company: CompanyContext): RolePermissions {
  const problems = checkRolePermissions(value, company.meta);
  if (problems.length > 0) {
    throw new ApiError(
      400,
      "invalid_permissions",
      tr("invalid permissions: {problems}", { problems: problemsText(problems) }),
      {
        problems: problems.map(({ pointer, rule }) => ({ pointer, rule })),
      },
    );
  }
  return value as RolePermissions;
}

async function listRoles(db: Db, schema: string) {
  return await systemTables(db, schema)
    .selectFrom("sys_role as r")
    .select([
      "r.id",
      "r.key",
      "r.name",
      "r.permissions",
      sql<number>`(select count(*) from ${sql.table(`${schema}.${userRoleTable}`)} ur where ur.role_id = r.id)`.as(
        "userCount",
      ),
    ])
    // Code-point order, so that every database collation lists roles alike.
    .orderBy(sql`r.key collate "C"`)
    .execute();
}

/** Roles (Y6): named permission sets company admins define and give to users. */
export function roleRoutes(routes: Routes, deps: ModuleDeps) {
  const db = deps.database.db;
  const present = async (schema: string, id: string) =>
    (await listRoles(db, schema)).find((r) => r.id === id)!;
  const find = (q: Db, schema: string, id: string) =>
    systemTables(q, schema)
      .selectFrom(roleTable)
      .select(["id", "key", "name", "permissions"])
      .where("id", "=", id)
      .executeTakeFirst();

  routes.get("", "admin", async (c) =>
    c.json({ items: await listRoles(db, c.var.company.schema) }),
  );

  routes.post("", "admin", async (c) => {
    const { company, session } = c.var;
    const body = checkCreate(await readJsonObject(c));
    const permissions = validPermissions(body.permissions, company);
    const id = deps.newId();
    await orgTransaction(db, company.schema, async (tx) => {
      if (
        await systemTables(tx, company.schema)
          .selectFrom(roleTable)
          .select("id")
          .where("key", "=", body.key)
          .executeTakeFirst()
      ) {
        throw ApiError.conflict(
          "duplicate",
          tr('a role "{key}" already exists', { key: body.key }),
          {
            fields: [{ field: "key", rule: "unique", message: tr("is already used") }],
          },
        );
      }
      await systemTables(tx, company.schema)
        .insertInto(roleTable)
        .values({
          id,
          key: body.key,
          name: body.name.trim(),
          permissions: JSON.stringify(permissions),
          created_at: deps.now(),
        })
        .execute();
      await audit(tx, company.schema, c, deps.now(), deps.trustProxy, {
        action: "role_created",
        actor: session.user,
        target: id,
        detail: { key: body.key, name: body.name.trim(), permissions },
      });
    });
    return c.json(await present(company.schema, id), 201);
  });

  routes.patch(`/:id{${uuidSource}}`, "admin", async (c) => {
    const { company, session } = c.var;
    const id = c.req.param("id")!;
    const body = checkPatch(await readJsonObject(c));
    const permissions =
      body.permissions === undefined ? undefined : validPermissions(body.permissions, company);
    await orgTransaction(db, company.schema, async (tx) => {
      const before = await find(tx, company.schema, id);
      if (!before) throw ApiError.notFound(noRecord(tr("role"), id));
      const set: Record<string, unknown> = {};
      if (body.name !== undefined) set.name = body.name.trim();
      if (permissions !== undefined) set.permissions = JSON.stringify(permissions);
      // A change that changes nothing is not written, nor audited.
      if (Object.keys(set).length === 0) return;
      await systemTables(tx, company.schema)
        .updateTable(roleTable)
        .set(set)
        .where("id", "=", id)
        .execute();
      await audit(tx, company.schema, c, deps.now(), deps.trustProxy, {
        action: "role_changed",
        actor: session.user,
        target: id,
        detail: {
          before: { name: before.name, permissions: before.permissions },
          change: { name: body.name, permissions },
        },
      });
    });
    return c.json(await present(company.schema, id));
  });

  routes.delete(`/:id{${uuidSource}}`, "admin", async (c) => {
    const { company, session } = c.var;
    const id = c.req.param("id")!;
    await orgTransaction(db, company.schema, async (tx) => {
      const before = await find(tx, company.schema, id);
      if (!before) throw ApiError.notFound(noRecord(tr("role"), id));
      const holder = await systemTables(tx, company.schema)
        .selectFrom(userRoleTable)
        .select("user_id")
        .where("role_id", "=", id)
        .executeTakeFirst();
      if (holder)
        throw ApiError.conflict(
          "in_use",
          tr('role "{key}" is still given to users; take it from them first', { key: before.key }),
        );
      await systemTables(tx, company.schema).deleteFrom(roleTable).where("id", "=", id).execute();
      await audit(tx, company.schema, c, deps.now(), deps.trustProxy, {
        action: "role_deleted",
        actor: session.user,
        target: id,
        detail: { key: before.key, name: before.name, permissions: before.permissions },
      });
    });
    return c.body(null, 204);
  });
}
