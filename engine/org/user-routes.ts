import { Type } from "@sinclair/typebox";
import { sql, type Updateable } from "kysely";
import { audit } from "../audit/audit-log.ts";
import { checkPasswordRules } from "../companies/password.ts";
import type { Db } from "../db/database.ts";
import { ApiError, type FieldProblem } from "../http/api-error.ts";
import { idParams, idPath, itemsOf } from "../http/common-schemas.ts";
import type { Routes } from "../http/routes.ts";
import { departmentTable } from "./org-tables.ts";
import { roleTable, userRoleTable } from "./role-tables.ts";
import {
  columns,
  createBody,
  patchBody,
  rolesOf,
  toJson,
  userSchema,
  type EmployeeFields,
} from "./user-json.ts";
import { orgTransaction } from "./org-transaction.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { noRecord } from "../records/record-texts.ts";
import { tr } from "../i18n/text.ts";
import { systemTables } from "../db/system-tables.ts";
import type { UserTable } from "../companies/core-table-types.ts";

/** Replaces a user's roles, refusing ids that name no role. */
async function setRoles(tx: Db, schema: string, userId: string, roles: string[]): Promise<void> {
  if (roles.length > 0) {
    const found = await systemTables(tx, schema)
      .selectFrom(roleTable)
      .select("id")
      .where("id", "in", roles)
      .execute();
    const missing = roles.filter((r) => !found.some((f) => f.id === r));
    if (missing.length > 0) {
      throw ApiError.invalidRequest([
        {
          field: "roles",
          rule: "reference",
          message: noRecord(tr("role"), missing.join(", ")),
        },
      ]);
    }
  }
  await systemTables(tx, schema).deleteFrom(userRoleTable).where("user_id", "=", userId).execute();
  if (roles.length > 0) {
    await systemTables(tx, schema)
      .insertInto(userRoleTable)
      .values(roles.map((role_id) => ({ user_id: userId, role_id })))
      .execute();
  }
}

/** Employee fields of a request → sys_user columns, with references checked. */
async function employeeColumns(
  db: Db,
  schema: string,
  body: EmployeeFields,
  userId: string | undefined,
) {
  const problems: FieldProblem[] = [];
  if (body.department) {
    const found = await systemTables(db, schema)
      .selectFrom(departmentTable)
      .select("id")
      .where("id", "=", body.department)
      .executeTakeFirst();
    if (!found)
      problems.push({
        field: "department",
        rule: "reference",
        message: tr("no department with this id"),
      });
  }
  if (body.manager) {
    // Walk up the chain from the new manager: meeting this user would make a loop.
    let at: string | null = body.manager;
    for (let steps = 0; at && steps < 1000; steps++) {
      if (at === userId) {
        problems.push({
          field: "manager",
          rule: "cycle",
          message: tr("would make the user their own (indirect) manager"),
        });
        break;
      }
      const row = await systemTables(db, schema)
        .selectFrom("sys_user")
        .select("manager_id")
        .where("id", "=", at)
        .executeTakeFirst();
      if (!row) {
        if (at === body.manager)
          problems.push({
            field: "manager",
            rule: "reference",
            message: tr("no user with this id"),
          });
        break;
      }
      at = row.manager_id;
    }
  }
  if (problems.length > 0) throw ApiError.invalidRequest(problems);
  const set: Updateable<UserTable> = {};
  if (body.displayName !== undefined) set.display_name = body.displayName.trim();
  if (body.email !== undefined) set.email = body.email;
  if (body.phone !== undefined) set.phone = body.phone;
  if (body.title !== undefined) set.title = body.title;
  if (body.department !== undefined) set.department_id = body.department;
  if (body.manager !== undefined) set.manager_id = body.manager;
  if (body.isAdmin !== undefined) set.is_admin = body.isAdmin;
  return set;
}

const usernameTaken = (username: string) =>
  ApiError.conflict("duplicate", tr('a user "{username}" already exists', { username }), {
    fields: [{ field: "username", rule: "unique", message: tr("is already used") }],
  });

const tags = ["admin"];
const params = idParams("The user's id.");

/** Signs a user out everywhere: a disabled user, or one whose password an admin reset. */
const endSessions = (tx: Db, schema: string, userId: string) =>
  systemTables(tx, schema).deleteFrom("sys_session").where("user_id", "=", userId).execute();

/** Users of a company (Y5): employee data, department, manager, admin flag, active or disabled. */
export function userRoutes(routes: Routes, deps: ModuleDeps) {
  const db = deps.database.db;
  const read = (schema: string, id: string) =>
    systemTables(db, schema)
      .selectFrom("sys_user as u")
      .select([...columns])
      .select(rolesOf(schema))
      .where("id", "=", id)
      .executeTakeFirst();
  const existing = async (schema: string, id: string) => {
    const row = await read(schema, id);
    if (!row) throw ApiError.notFound(noRecord(tr("user"), id));
    return row;
  };
  const passwordProblem = (password: string) => {
    const rule = checkPasswordRules(password);
    if (rule)
      throw ApiError.invalidRequest([{ field: "password", rule: "passwordRules", message: rule }]);
  };

  routes.route(
    "GET",
    "",
    {
      policy: "admin",
      operationId: "listUsers",
      summary: "The company's users",
      tags,
      responses: {
        200: {
          description: "Every user, by username in code-point order.",
          schema: itemsOf(userSchema),
        },
      },
      errors: [503],
    },
    async (c) => {
      const rows = await systemTables(db, c.var.company.schema)
        .selectFrom("sys_user as u")
        .select([...columns])
        .select(rolesOf(c.var.company.schema))
        // Code-point order, so that every database collation lists users alike.
        .orderBy(sql`username collate "C"`)
        .execute();
      return c.json({ items: rows.map(toJson) });
    },
  );

  routes.route(
    "POST",
    "",
    {
      policy: "admin",
      operationId: "createUser",
      summary: "Add a user, with a first password",
      tags,
      body: createBody,
      responses: { 201: { description: "The user.", schema: userSchema } },
      errors: [409, 429, 503],
    },
    async (c, { body }) => {
      const { company, session } = c.var;
      passwordProblem(body.password);
      const id = deps.newId();
      const passwordHash = await deps.credentials.hash(body.password);
      await orgTransaction(db, company.schema, async (tx) => {
        const taken = await systemTables(tx, company.schema)
          .selectFrom("sys_user")
          .select("id")
          .where("username", "=", body.username)
          .executeTakeFirst();
        if (taken) throw usernameTaken(body.username);
        const set = await employeeColumns(tx, company.schema, body, undefined);
        await systemTables(tx, company.schema)
          .insertInto("sys_user")
          .values({
            ...set,
            id,
            username: body.username,
            display_name: body.displayName.trim(),
            password_hash: passwordHash,
            created_at: deps.now(),
          })
          .execute();
        if (body.roles) await setRoles(tx, company.schema, id, body.roles);
        const { password: _password, ...detail } = body;
        await audit(tx, company.schema, c, deps.now(), deps.trustProxy, {
          action: "user_created",
          actor: session.user,
          target: id,
          detail,
        });
      });
      return c.json(toJson((await read(company.schema, id))!), 201);
    },
  );

  routes.route(
    "PATCH",
    idPath,
    {
      policy: "admin",
      operationId: "changeUser",
      summary: "Change a user's employee data, roles, admin flag, or disable them",
      tags,
      params,
      body: patchBody,
      responses: { 200: { description: "The user.", schema: userSchema } },
      errors: [404, 503],
    },
    async (c, { params: { id }, body }) => {
      const { company, session } = c.var;
      const before = await existing(company.schema, id);
      if (before.id === session.user.id && (body.isActive === false || body.isAdmin === false)) {
        throw ApiError.invalidRequest([
          {
            field: body.isActive === false ? "isActive" : "isAdmin",
            rule: "self",
            message: tr("an admin cannot disable themself or drop their own admin rights"),
          },
        ]);
      }
      await orgTransaction(db, company.schema, async (tx) => {
        const set = await employeeColumns(tx, company.schema, body, before.id as string);
        if (body.isActive !== undefined) set.is_active = body.isActive;
        if (body.roles) await setRoles(tx, company.schema, before.id as string, body.roles);
        if (Object.keys(set).length > 0) {
          await systemTables(tx, company.schema)
            .updateTable("sys_user")
            .set(set)
            .where("id", "=", before.id)
            .execute();
        }
        // A disabled user's sessions would fail on their next request anyway; removing them is tidier.
        if (body.isActive === false) {
          await endSessions(tx, company.schema, before.id);
        }
        await audit(tx, company.schema, c, deps.now(), deps.trustProxy, {
          action: "user_changed",
          actor: session.user,
          target: before.id as string,
          detail: { before: toJson(before), change: body },
        });
      });
      return c.json(toJson((await read(company.schema, before.id as string))!));
    },
  );

  routes.route(
    "POST",
    `${idPath}/password`,
    {
      policy: "admin",
      operationId: "resetUserPassword",
      summary: "Give a user a new password, ending their sessions",
      description:
        "An admin who resets their own password stays logged in: the answer sets a new session cookie.",
      tags,
      params,
      body: Type.Object(
        { password: Type.String({ description: "Checked against the password rules." }) },
        { additionalProperties: false },
      ),
      responses: {
        204: {
          description: "Reset.",
          headers: {
            "Set-Cookie": {
              description: "The admin's new session, when they reset their own password.",
              schema: Type.String(),
            },
          },
        },
      },
      errors: [404, 429, 503],
    },
    async (c, { params: { id }, body: { password } }) => {
      const { company, session } = c.var;
      const user = await existing(company.schema, id);
      passwordProblem(password);
      const passwordHash = await deps.credentials.hash(password);
      await db.transaction().execute(async (tx) => {
        await systemTables(tx, company.schema)
          .updateTable("sys_user")
          .set({ password_hash: passwordHash })
          .where("id", "=", user.id)
          .execute();
        await endSessions(tx, company.schema, user.id);
        await audit(tx, company.schema, c, deps.now(), deps.trustProxy, {
          action: "user_password_reset",
          actor: session.user,
          target: user.id as string,
        });
      });
      // An admin resetting their own password stays logged in, as with a password change.
      if (user.id === session.user.id) await deps.credentials.renewSession(c);
      return c.body(null, 204);
    },
  );
}
