import { Type } from "@sinclair/typebox";
import { sql } from "kysely";
import { audit } from "../audit/audit-log.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import type { CoreDeps } from "../companies/core-deps.ts";
import { ApiError } from "../http/api-error.ts";
import { idParams, idPath, idSchema, itemsOf } from "../http/common-schemas.ts";
import { namedSchema } from "../http/named-schema.ts";
import type { Routes } from "../http/routes.ts";
import { problemsText } from "../metadata/metadata-error.ts";
import { orgTransaction } from "./org-transaction.ts";
import {
  checkRolePermissions,
  rolePermissionsSchema,
  type RolePermissions,
} from "./role-permissions.ts";
import { roleTable, userRoleTable } from "./role-tables.ts";
import { tr } from "../i18n/text.ts";
import { noRecord } from "../records/record-texts.ts";

const tags = ["admin"];
const name = Type.String({ minLength: 1, maxLength: 100, pattern: "\\S" });
const params = idParams("The role's id.");

/** A permission set refused with every problem, each with its pointer into the set. */
function validPermissions(value: RolePermissions, company: CompanyContext): RolePermissions {
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
  return value;
}

async function listRoles(db: Db, schema: string) {
  return (
    (await db
      .selectFrom(`${schema}.${roleTable} as r`)
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
      .execute()) as {
      id: string;
      key: string;
      name: string;
      permissions: RolePermissions;
      userCount: number;
    }[]
  );
}

/** Roles (Y6): named permission sets company admins define and give to users. */
export function roleRoutes(routes: Routes, deps: CoreDeps) {
  const db = deps.database.db;
  const permissions = rolePermissionsSchema(deps.modules.actionKeys);
  const role = namedSchema(
    "Role",
    Type.Object({
      id: idSchema("The role's id."),
      key: Type.String(),
      name: Type.String(),
      permissions,
      userCount: Type.Integer({ minimum: 0, description: "Users given this role." }),
    }),
  );
  const table = (schema: string) => `${schema}.${roleTable}`;
  const present = async (schema: string, id: string) =>
    (await listRoles(db, schema)).find((r) => r.id === id)!;
  const find = (q: Db, schema: string, id: string) =>
    q
      .selectFrom(table(schema))
      .select(["id", "key", "name", "permissions"])
      .where("id", "=", id)
      .executeTakeFirst() as Promise<
      { id: string; key: string; name: string; permissions: RolePermissions } | undefined
    >;

  routes.route(
    "GET",
    "",
    {
      policy: "admin",
      operationId: "listRoles",
      summary: "The company's roles",
      tags,
      responses: {
        200: { description: "Every role, by key in code-point order.", schema: itemsOf(role) },
      },
      errors: [503],
    },
    async (c) => c.json({ items: await listRoles(db, c.var.company.schema) }),
  );

  routes.route(
    "GET",
    "/actions",
    {
      policy: "admin",
      operationId: "listPermissionActions",
      summary: "What a role may grant on an entity's records",
      description: "The actions the engine's modules declare, each named in your language.",
      tags,
      responses: {
        200: {
          description: "Every action, module by module.",
          schema: itemsOf(
            Type.Object({
              key: Type.String({ description: "As roles store it." }),
              label: Type.String({ description: "Its name, in your language." }),
              offered: Type.Boolean({
                description: "false while nothing does it: roles keep it, screens do not offer it.",
              }),
            }),
          ),
        },
      },
    },
    (c) =>
      c.json({
        items: deps.modules.permissionActions.map(({ key, label, offered = true }) => ({
          key,
          label,
          offered,
        })),
      }),
  );

  routes.route(
    "POST",
    "",
    {
      policy: "admin",
      operationId: "createRole",
      summary: "Define a role",
      tags,
      body: Type.Object(
        {
          key: Type.String({
            pattern: "^[a-z][a-z0-9_]{0,39}$",
            description: "Stable, lower-case: `sales_rep`.",
          }),
          name,
          permissions,
        },
        { additionalProperties: false },
      ),
      responses: { 201: { description: "The role.", schema: role } },
      errors: [409, 503],
    },
    async (c, { body }) => {
      const { company, session } = c.var;
      const permissions = validPermissions(body.permissions, company);
      const id = deps.newId();
      await orgTransaction(db, company.schema, async (tx) => {
        if (
          await tx
            .selectFrom(table(company.schema))
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
        await tx
          .insertInto(table(company.schema))
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
    },
  );

  routes.route(
    "PATCH",
    idPath,
    {
      policy: "admin",
      operationId: "changeRole",
      summary: "Rename a role or change what it grants",
      description: "Its users' next request works with the change.",
      tags,
      params,
      body: Type.Object(
        { name: Type.Optional(name), permissions: Type.Optional(permissions) },
        { additionalProperties: false },
      ),
      responses: { 200: { description: "The role.", schema: role } },
      errors: [404, 503],
    },
    async (c, { params: { id }, body }) => {
      const { company, session } = c.var;
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
        await tx.updateTable(table(company.schema)).set(set).where("id", "=", id).execute();
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
    },
  );

  routes.route(
    "DELETE",
    idPath,
    {
      policy: "admin",
      operationId: "deleteRole",
      summary: "Delete a role no user has",
      tags,
      params,
      responses: { 204: { description: "Deleted." } },
      errors: [404, 409, 503],
    },
    async (c, { params: { id } }) => {
      const { company, session } = c.var;
      await orgTransaction(db, company.schema, async (tx) => {
        const before = await find(tx, company.schema, id);
        if (!before) throw ApiError.notFound(noRecord(tr("role"), id));
        const holder = await tx
          .selectFrom(`${company.schema}.${userRoleTable}`)
          .select("user_id")
          .where("role_id", "=", id)
          .executeTakeFirst();
        if (holder)
          throw ApiError.conflict(
            "in_use",
            tr('role "{key}" is still given to users; take it from them first', {
              key: before.key,
            }),
          );
        await tx.deleteFrom(table(company.schema)).where("id", "=", id).execute();
        await audit(tx, company.schema, c, deps.now(), deps.trustProxy, {
          action: "role_deleted",
          actor: session.user,
          target: id,
          detail: { key: before.key, name: before.name, permissions: before.permissions },
        });
      });
      return c.body(null, 204);
    },
  );
}
