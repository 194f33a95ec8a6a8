import { Type, type Static, type TOptional, type TSchema } from "@sinclair/typebox";
import { sql } from "kysely";
import { audit } from "../audit/audit-log.ts";
import { checkPasswordRules } from "../companies/password.ts";
import type { Db } from "../db/database.ts";
import { ApiError, type FieldProblem } from "../http/api-error.ts";
import { idParams, idPath, idSchema, itemsOf, nullableId } from "../http/common-schemas.ts";
import { namedSchema } from "../http/named-schema.ts";
import type { Routes } from "../http/routes.ts";
import { departmentTable } from "./org-tables.ts";
import { roleTable, userRoleTable } from "./role-tables.ts";
import { orgTransaction } from "./org-transaction.ts";
import type { OrgDeps } from "./org-deps.ts";
import { noRecord } from "../records/record-texts.ts";
import { tr } from "../i18n/text.ts";

const tags = ["admin"];
const optionalText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const employee = {
  displayName: Type.String({ minLength: 1, maxLength: 100, pattern: "\\S" }),
  email: Type.Union([Type.String({ format: "email", maxLength: 254 }), Type.Null()]),
  phone: optionalText(32),
  title: optionalText(100),
  department: nullableId("The user's department."),
  manager: nullableId("The user's manager, another user."),
  isAdmin: Type.Boolean({ description: "A company admin: may do everything, here too." }),
  roles: Type.Array(idSchema("A role's id."), {
    uniqueItems: true,
    maxItems: 100,
    description: "The user's roles (replaced as a whole).",
  }),
};
const optional = <T extends Record<string, TSchema>>(properties: T) =>
  Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof T]: TOptional<T[K]>;
  };

const createBody = Type.Object(
  {
    username: Type.String({ pattern: "^[a-zA-Z0-9_.@-]{1,64}$" }),
    password: Type.String({ description: "Checked against the password rules." }),
    ...optional(employee),
    displayName: employee.displayName,
  },
  { additionalProperties: false },
);
const patchBody = Type.Object(
  {
    ...optional(employee),
    isActive: Type.Optional(
      Type.Boolean({ description: "false disables the user and ends their sessions." }),
    ),
  },
  { additionalProperties: false },
);
const params = idParams("The user's id.");
const userSchema = namedSchema(
  "User",
  Type.Object({
    id: idSchema("The user's id."),
    username: Type.String(),
    displayName: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    title: Type.Union([Type.String(), Type.Null()]),
    department: Type.Union([idSchema("The user's department."), Type.Null()]),
    manager: Type.Union([idSchema("The user's manager."), Type.Null()]),
    isAdmin: Type.Boolean(),
    isActive: Type.Boolean(),
    createdAt: Type.String({ format: "date-time" }),
    roles: Type.Array(idSchema("A role's id."), { description: "Sorted." }),
  }),
);
type EmployeeFields = Static<typeof patchBody>;

const columns = [
  "id",
  "username",
  "display_name",
  "email",
  "phone",
  "title",
  "department_id",
  "manager_id",
  "is_admin",
  "is_active",
  "created_at",
] as const;
type UserRow = Record<(typeof columns)[number] | "roles", unknown>;

/** The user's role ids, sorted, as one column of the user's row. */
const rolesOf = (schema: string) =>
  sql<string[]>`(select coalesce(array_agg(ur.role_id::text order by ur.role_id::text), '{}')
    from ${sql.table(`${schema}.${userRoleTable}`)} ur where ur.user_id = u.id)`.as("roles");

/** Replaces a user's roles, refusing ids that name no role. */
async function setRoles(tx: Db, schema: string, userId: string, roles: string[]): Promise<void> {
  if (roles.length > 0) {
    const found = await tx
      .selectFrom(`${schema}.${roleTable}`)
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
  await tx.deleteFrom(`${schema}.${userRoleTable}`).where("user_id", "=", userId).execute();
  if (roles.length > 0) {
    await tx
      .insertInto(`${schema}.${userRoleTable}`)
      .values(roles.map((role_id) => ({ user_id: userId, role_id })))
      .execute();
  }
}

const toJson = (r: UserRow) => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  email: r.email,
  phone: r.phone,
  title: r.title,
  department: r.department_id,
  manager: r.manager_id,
  isAdmin: r.is_admin,
  isActive: r.is_active,
  createdAt: r.created_at,
  roles: r.roles,
});

/** Employee fields of a request → sys_user columns, with references checked. */
async function employeeColumns(
  db: Db,
  schema: string,
  body: EmployeeFields,
  userId: string | undefined,
) {
  const problems: FieldProblem[] = [];
  if (body.department) {
    const found = await db
      .selectFrom(`${schema}.${departmentTable}`)
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
      const row = (await db
        .selectFrom(`${schema}.sys_user`)
        .select("manager_id")
        .where("id", "=", at)
        .executeTakeFirst()) as { manager_id: string | null } | undefined;
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
  const set: Record<string, unknown> = {};
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

/** Users of a company (Y5): employee data, department, manager, admin flag, active or disabled. */
export function userRoutes(routes: Routes, deps: OrgDeps) {
  const db = deps.database.db;
  const read = (schema: string, id: string) =>
    db
      .selectFrom(`${schema}.sys_user as u`)
      .select([...columns])
      .select(rolesOf(schema))
      .where("id", "=", id)
      .executeTakeFirst() as Promise<UserRow | undefined>;
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
      const rows = (await db
        .selectFrom(`${c.var.company.schema}.sys_user as u`)
        .select([...columns])
        .select(rolesOf(c.var.company.schema))
        // Code-point order, so that every database collation lists users alike.
        .orderBy(sql`username collate "C"`)
        .execute()) as UserRow[];
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
        const taken = await tx
          .selectFrom(`${company.schema}.sys_user`)
          .select("id")
          .where("username", "=", body.username)
          .executeTakeFirst();
        if (taken) throw usernameTaken(body.username);
        const set = await employeeColumns(tx, company.schema, body, undefined);
        await tx
          .insertInto(`${company.schema}.sys_user`)
          .values({
            ...set,
            id,
            username: body.username,
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
          await tx
            .updateTable(`${company.schema}.sys_user`)
            .set(set)
            .where("id", "=", before.id)
            .execute();
        }
        // A disabled user's sessions would fail on their next request anyway; removing them is tidier.
        if (body.isActive === false) {
          await tx
            .deleteFrom(`${company.schema}.sys_session`)
            .where("user_id", "=", before.id)
            .execute();
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
        await tx
          .updateTable(`${company.schema}.sys_user`)
          .set({ password_hash: passwordHash })
          .where("id", "=", user.id)
          .execute();
        await tx
          .deleteFrom(`${company.schema}.sys_session`)
          .where("user_id", "=", user.id)
          .execute();
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
