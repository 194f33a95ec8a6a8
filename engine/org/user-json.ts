import { Type, type Static, type TOptional, type TSchema } from "@sinclair/typebox";
import { sql, type Selectable } from "kysely";
import type { UserTable } from "../companies/core-table-types.ts";
import { idSchema, nullableId } from "../http/common-schemas.ts";
import { namedSchema } from "../http/named-schema.ts";
import { userRoleTable } from "./role-tables.ts";

/* A user as the admin API takes and shows it: request bodies, the answer's schema, and rows turned into it. */

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

export const createBody = Type.Object(
  {
    username: Type.String({ pattern: "^[a-zA-Z0-9_.@-]{1,64}$" }),
    password: Type.String({ description: "Checked against the password rules." }),
    ...optional(employee),
    displayName: employee.displayName,
  },
  { additionalProperties: false },
);
export const patchBody = Type.Object(
  {
    ...optional(employee),
    isActive: Type.Optional(
      Type.Boolean({ description: "false disables the user and ends their sessions." }),
    ),
  },
  { additionalProperties: false },
);
export const userSchema = namedSchema(
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
export type EmployeeFields = Static<typeof patchBody>;

export const columns = [
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
export type UserRow = Pick<Selectable<UserTable>, (typeof columns)[number]> & { roles: string[] };

/** The user's role ids, sorted, as one column of the user's row. */
export const rolesOf = (schema: string) =>
  sql<string[]>`(select coalesce(array_agg(ur.role_id::text order by ur.role_id::text), '{}')
    from ${sql.table(`${schema}.${userRoleTable}`)} ur where ur.user_id = u.id)`.as("roles");

export const toJson = (r: UserRow) => ({
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
