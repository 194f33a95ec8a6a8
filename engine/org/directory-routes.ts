import { Type } from "@sinclair/typebox";
import { sql } from "kysely";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { escapeLike } from "../query/escape-like.ts";
import type { Routes } from "../http/routes.ts";
import { departmentTable } from "./org-tables.ts";
import { systemTables } from "../db/system-tables.ts";

const uuid = Type.String({ format: "uuid" });
const tags = ["meta"];

/**
 * The company's people and departments as every signed-in user may see them,
 * for picking a new owner or whom to share with: names and departments of
 * active users only — no contact data, roles or admin flags, which stay
 * behind /api/admin/users.
 *
 * @example
 * GET /api/directory/users?q=王&limit=10 → {items: [{id, username, displayName, department}]}
 */
export function directoryRoutes(routes: Routes, deps: ModuleDeps) {
  routes.route(
    "GET",
    "/users",
    {
      policy: "session",
      operationId: "listDirectoryUsers",
      summary: "Colleagues to assign records to or share them with",
      description: "Active users only, with their department; no contact data or roles.",
      tags,
      query: Type.Object({
        q: Type.Optional(
          Type.String({
            maxLength: 100,
            description: "Part of a display name or username, case-insensitive.",
          }),
        ),
        limit: Type.Optional(
          Type.Integer({ minimum: 1, maximum: 50, default: 20, description: "At most this many." }),
        ),
      }),
      responses: {
        200: {
          description: "Users in code-point order of their display names.",
          schema: Type.Object({
            items: Type.Array(
              Type.Object({
                id: uuid,
                username: Type.String(),
                displayName: Type.String(),
                department: Type.Union([
                  Type.Object({ id: uuid, name: Type.String() }),
                  Type.Null(),
                ]),
              }),
            ),
          }),
        },
      },
      errors: [503],
    },
    async (c, { query }) => {
      const schema = c.var.company.schema;
      const q = (query.q ?? "").trim();
      let select = systemTables(deps.database.db, schema)
        .selectFrom("sys_user as u")
        .leftJoin("sys_department as d", "d.id", "u.department_id")
        .select(["u.id", "u.username", "u.display_name", "d.id as department_id", "d.name"])
        .where("u.is_active", "=", true);
      if (q !== "") {
        const pattern = `%${escapeLike(q)}%`;
        select = select.where((eb) =>
          eb.or([eb("u.display_name", "ilike", pattern), eb("u.username", "ilike", pattern)]),
        );
      }
      const rows = (await select
        .orderBy("u.display_name")
        .orderBy("u.id")
        .limit(query.limit ?? 20)
        .execute()) as {
        id: string;
        username: string;
        display_name: string;
        department_id: string | null;
        name: string | null;
      }[];
      return c.json({
        items: rows.map((r) => ({
          id: r.id,
          username: r.username,
          displayName: r.display_name,
          department: r.department_id ? { id: r.department_id, name: r.name! } : null,
        })),
      });
    },
  );
  routes.route(
    "GET",
    "/departments",
    {
      policy: "session",
      operationId: "listDirectoryDepartments",
      summary: "Departments to share records with",
      tags,
      responses: {
        200: {
          description: "Every department with its parent.",
          schema: Type.Object({
            items: Type.Array(
              Type.Object({
                id: uuid,
                name: Type.String(),
                parent: Type.Union([uuid, Type.Null()]),
              }),
            ),
          }),
        },
      },
      errors: [503],
    },
    async (c) => {
      const rows = await systemTables(deps.database.db, c.var.company.schema)
        .selectFrom(departmentTable)
        .select(["id", "name", "parent_id"])
        .orderBy(sql`name collate "C"`)
        .orderBy("id")
        .execute();
      return c.json({ items: rows.map((r) => ({ id: r.id, name: r.name, parent: r.parent_id })) });
    },
  );
}
