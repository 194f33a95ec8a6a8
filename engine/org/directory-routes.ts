import { sql } from "kysely";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { escapeLike } from "../query/escape-like.ts";
import { ApiError } from "../http/api-error.ts";
import type { Routes } from "../http/routes.ts";
import { departmentTable } from "./org-tables.ts";
import { tr } from "../i18n/text.ts";

const maxLimit = 50;

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
  routes.get("/users", "session", async (c) => {
    const schema = c.var.company.schema;
    const q = (c.req.query("q") ?? "").trim();
    const limit = limitOf(c.req.query("limit"));
    let query = deps.database.db
      .selectFrom(`${schema}.sys_user as u`)
      .leftJoin(`${schema}.${departmentTable} as d`, "d.id", "u.department_id")
      .select(["u.id", "u.username", "u.display_name", "d.id as department_id", "d.name"])
      .where("u.is_active", "=", true);
    if (q !== "") {
      if (q.length > 100)
        throw ApiError.badRequest(tr("q is longer than {max} characters", { max: 100 }));
      const pattern = `%${escapeLike(q)}%`;
      query = query.where((eb) =>
        eb.or([eb("u.display_name", "ilike", pattern), eb("u.username", "ilike", pattern)]),
      );
    }
    const rows = (await query.orderBy("u.display_name").orderBy("u.id").limit(limit).execute()) as {
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
  });
  routes.get("/departments", "session", async (c) => {
    const rows = (await deps.database.db
      .selectFrom(`${c.var.company.schema}.${departmentTable}`)
      .select(["id", "name", "parent_id"])
      .orderBy(sql`name collate "C"`)
      .orderBy("id")
      .execute()) as { id: string; name: string; parent_id: string | null }[];
    return c.json({ items: rows.map((r) => ({ id: r.id, name: r.name, parent: r.parent_id })) });
  });
}

function limitOf(value: string | undefined): number {
  if (value === undefined || value === "") return 20;
  if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > maxLimit)
    throw ApiError.badRequest(
      tr("limit must be a whole number from 1 to {max}", { max: maxLimit }),
      {
        limit: value.slice(0, 20),
      },
    );
  return Number(value);
}
