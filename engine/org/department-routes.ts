import type { CompanyContext } from "../companies/company-context.ts";
import { Type } from "@sinclair/typebox";
import { sql } from "kysely";
import { audit } from "../audit/audit-log.ts";
import type { Db } from "../db/database.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { ApiError } from "../http/api-error.ts";
import { idParams, idPath, idSchema, itemsOf, nullableId } from "../http/common-schemas.ts";
import { namedSchema } from "../http/named-schema.ts";
import type { Routes } from "../http/routes.ts";
import { departmentTable } from "./org-tables.ts";
import { orgTransaction } from "./org-transaction.ts";
import { tr } from "../i18n/text.ts";
import { noRecord } from "../records/record-texts.ts";
import { systemTables } from "../db/system-tables.ts";

const tags = ["admin"];
const name = Type.String({ minLength: 1, maxLength: 100, pattern: "\\S" });
const parent = nullableId("The parent department's id; null for a top-level one.");
const params = idParams("The department's id.");
const department = namedSchema(
  "Department",
  Type.Object({
    id: idSchema("The department's id."),
    name: Type.String(),
    parent: Type.Union([idSchema("The parent's id."), Type.Null()]),
    depth: Type.Integer({ minimum: 0, description: "0 for a top-level department." }),
    userCount: Type.Integer({ minimum: 0, description: "Users in this department itself." }),
  }),
);

interface DepartmentRow {
  id: string;
  name: string;
  parent_id: string | null;
}

/** The departments of a company as a tree, depth-first, siblings by name, with their user counts. */
async function departmentTree(deps: ModuleDeps, company: CompanyContext) {
  const { schema } = company;
  const rows = await systemTables(deps.database.db, schema)
    .selectFrom(departmentTable)
    .select(["id", "name", "parent_id"])
    .execute();
  const counts = await systemTables(deps.database.db, schema)
    .selectFrom("sys_user")
    .select(["department_id", sql<number>`count(*)`.as("n")])
    .where("department_id", "is not", null)
    .groupBy("department_id")
    .execute();
  const userCount = new Map(counts.map((c) => [c.department_id, Number(c.n)]));
  const children = new Map<string | null, DepartmentRow[]>();
  for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  const items: {
    id: string;
    name: string;
    parent: string | null;
    depth: number;
    userCount: number;
  }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of [...(children.get(parent) ?? [])].sort((a, b) =>
      a.name.localeCompare(b.name, company.settings.language),
    )) {
      items.push({
        id: r.id,
        name: r.name,
        parent: r.parent_id,
        depth,
        userCount: userCount.get(r.id) ?? 0,
      });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return items;
}

/** Departments (design brief §4, Y5): a tree company admins shape; users belong to one. */
export function departmentRoutes(routes: Routes, deps: ModuleDeps) {
  const db = deps.database.db;
  const find = async (q: Db, schema: string, id: string) =>
    await systemTables(q, schema)
      .selectFrom(departmentTable)
      .select(["id", "name", "parent_id"])
      .where("id", "=", id)
      .executeTakeFirst();
  const present = async (company: CompanyContext, id: string) =>
    (await departmentTree(deps, company)).find((d) => d.id === id)!;
  const siblingTaken = async (
    q: Db,
    schema: string,
    nameValue: string,
    parent: string | null,
    except?: string,
  ) => {
    let query = systemTables(q, schema)
      .selectFrom(departmentTable)
      .select("id")
      .where(sql`lower(name)`, "=", nameValue.trim().toLowerCase());
    query =
      parent === null
        ? query.where("parent_id", "is", null)
        : query.where("parent_id", "=", parent);
    if (except) query = query.where("id", "<>", except);
    if (await query.executeTakeFirst()) {
      throw ApiError.conflict(
        "duplicate",
        tr('a department "{name}" already exists there', { name: nameValue.trim() }),
        {
          fields: [
            { field: "name", rule: "unique", message: "is already used by a sibling department" },
          ],
        },
      );
    }
  };
  const unknownParent = () =>
    ApiError.invalidRequest([
      { field: "parent", rule: "reference", message: tr("no department with this id") },
    ]);

  routes.route(
    "GET",
    "",
    {
      policy: "admin",
      operationId: "listDepartments",
      summary: "The company's departments as a tree",
      tags,
      responses: {
        200: {
          description:
            "Depth-first, siblings by name in the company's language, each with its user count.",
          schema: itemsOf(department),
        },
      },
      errors: [503],
    },
    async (c) => c.json({ items: await departmentTree(deps, c.var.company) }),
  );

  routes.route(
    "POST",
    "",
    {
      policy: "admin",
      operationId: "createDepartment",
      summary: "Add a department",
      tags,
      body: Type.Object({ name, parent: Type.Optional(parent) }, { additionalProperties: false }),
      responses: { 201: { description: "The department.", schema: department } },
      errors: [409, 503],
    },
    async (c, { body }) => {
      const { company, session } = c.var;
      const parent = body.parent ?? null;
      const id = deps.newId();
      await orgTransaction(db, company.schema, async (tx) => {
        if (parent && !(await find(tx, company.schema, parent))) throw unknownParent();
        await siblingTaken(tx, company.schema, body.name, parent);
        await systemTables(tx, company.schema)
          .insertInto(departmentTable)
          .values({ id, name: body.name.trim(), parent_id: parent, created_at: deps.now() })
          .execute();
        await audit(tx, company.schema, c, deps.now(), deps.trustProxy, {
          action: "department_created",
          actor: session.user,
          target: id,
          detail: { name: body.name.trim(), parent },
        });
      });
      return c.json(await present(company, id), 201);
    },
  );

  routes.route(
    "PATCH",
    idPath,
    {
      policy: "admin",
      operationId: "changeDepartment",
      summary: "Rename a department or move it under another",
      tags,
      params,
      body: Type.Object(
        { name: Type.Optional(name), parent: Type.Optional(parent) },
        { additionalProperties: false },
      ),
      responses: { 200: { description: "The department.", schema: department } },
      errors: [404, 409, 503],
    },
    async (c, { params: { id }, body }) => {
      const { company, session } = c.var;
      await orgTransaction(db, company.schema, async (tx) => {
        const current = await find(tx, company.schema, id);
        if (!current) throw ApiError.notFound(noRecord(tr("department"), id));
        const parent = body.parent === undefined ? current.parent_id : body.parent;
        if (body.parent) {
          if (!(await find(tx, company.schema, body.parent))) throw unknownParent();
          // Walk up from the new parent: reaching this department would close a loop.
          for (
            let at: string | null = body.parent;
            at;
            at = (await find(tx, company.schema, at))?.parent_id ?? null
          ) {
            if (at === id) {
              throw ApiError.invalidRequest([
                {
                  field: "parent",
                  rule: "cycle",
                  message: tr("would place the department inside itself"),
                },
              ]);
            }
          }
        }
        const newName = body.name?.trim() ?? current.name;
        await siblingTaken(tx, company.schema, newName, parent, id);
        await systemTables(tx, company.schema)
          .updateTable(departmentTable)
          .set({ name: newName, parent_id: parent })
          .where("id", "=", id)
          .execute();
        await audit(tx, company.schema, c, deps.now(), deps.trustProxy, {
          action: "department_changed",
          actor: session.user,
          target: id,
          detail: {
            before: { name: current.name, parent: current.parent_id },
            after: { name: newName, parent },
          },
        });
      });
      return c.json(await present(company, id));
    },
  );

  routes.route(
    "DELETE",
    idPath,
    {
      policy: "admin",
      operationId: "deleteDepartment",
      summary: "Delete a department that has no sub-departments and no users",
      tags,
      params,
      responses: { 204: { description: "Deleted." } },
      errors: [404, 409, 503],
    },
    async (c, { params: { id } }) => {
      const { company, session } = c.var;
      await orgTransaction(db, company.schema, async (tx) => {
        const current = await find(tx, company.schema, id);
        if (!current) throw ApiError.notFound(noRecord(tr("department"), id));
        const child = await systemTables(tx, company.schema)
          .selectFrom(departmentTable)
          .select("id")
          .where("parent_id", "=", id)
          .executeTakeFirst();
        const member = await systemTables(tx, company.schema)
          .selectFrom("sys_user")
          .select("id")
          .where("department_id", "=", id)
          .executeTakeFirst();
        if (child || member) {
          throw ApiError.conflict(
            "in_use",
            child
              ? tr('department "{name}" still has sub-departments; move them first', {
                  name: current.name,
                })
              : tr('department "{name}" still has users; move them first', { name: current.name }),
          );
        }
        await systemTables(tx, company.schema)
          .deleteFrom(departmentTable)
          .where("id", "=", id)
          .execute();
        await audit(tx, company.schema, c, deps.now(), deps.trustProxy, {
          action: "department_deleted",
          actor: session.user,
          target: id,
          detail: { name: current.name, parent: current.parent_id },
        });
      });
      return c.body(null, 204);
    },
  );
}
