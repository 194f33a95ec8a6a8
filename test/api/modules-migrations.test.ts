import { sql } from "kysely";
import { verbatim } from "../../engine/i18n/text.ts";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import type { Db } from "../../engine/db/database.ts";
import { engineModules } from "../../engine/engine-modules.ts";
import type { EngineModule, Migration } from "../../engine/modules/engine-module.ts";
import { ModuleSet } from "../../engine/modules/module-set.ts";
import { sameSession, testCompany, testEngine, type TestCompany } from "../support/test-engine.ts";

/** A module of the tests only (never shipped): notes kept per company, in two versions. */
const notesV1: Migration = {
  name: "001-notes",
  up: async (tx, { schema }) => {
    await sql`create table if not exists ${sql.id(schema, "sys_x_note")} (
      "id" integer primary key, "body" text not null)`.execute(tx);
  },
};
const notesV2: Migration = {
  name: "002-notes-pinned",
  up: async (tx, { schema }) => {
    await sql`alter table ${sql.id(schema, "sys_x_note")}
      add column "pinned" boolean not null default false`.execute(tx);
  },
};
const notes = (version: string, steps: Migration[]): EngineModule => ({
  key: "x_notes",
  label: verbatim("Notes"),
  description: verbatim("A table of notes, in two versions."),
  version,
  dependsOn: ["core"],
  companyMigrations: steps,
});
const withNotes = (module: EngineModule) => new ModuleSet([...engineModules, module]);

const columns = async (db: Db, schema: string) =>
  (
    await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_schema = ${schema} and table_name = 'sys_x_note' order by ordinal_position`.execute(
      db,
    )
  ).rows.map((r) => r.column_name);

const applied = async (db: Db, schema: string) =>
  (
    await sql<{ step: string }>`select "module" || '/' || "name" as step
      from ${sql.id(schema, "sys_migration")} where "module" = 'x_notes' order by "name"`.execute(
      db,
    )
  ).rows.map((r) => r.step);

describe("module migrations", () => {
  let company: TestCompany;
  let schema: string;
  let db: Db;

  beforeAll(async () => {
    const v1 = await testEngine({ modules: withNotes(notes("1.0.0", [notesV1])) });
    db = v1.deps.database.db;
    company = await testCompany(v1, "mod");
    schema = schemaOf(company.slug);
    await sql`insert into ${sql.id(schema, "sys_x_note")} ("id", "body")
      values (1, '第一条'), (2, 'second')`.execute(db);
  });

  it("creates a module's tables with the company, and records each step", async () => {
    expect(await columns(db, schema)).toEqual(["id", "body"]);
    expect(await applied(db, schema)).toEqual(["x_notes/001-notes"]);
  });

  it("applies a new version's step to a company that already has rows, on its next load", async () => {
    const v2 = await testEngine({ modules: withNotes(notes("1.1.0", [notesV1, notesV2])) });
    const res = await sameSession(v2, company.admin).get("/api/data/customer?limit=1");
    expect(res.status, res.text).toBe(200);
    expect(await columns(db, schema)).toEqual(["id", "body", "pinned"]);
    const rows = await sql<{ id: number; pinned: boolean }>`select "id", "pinned"
      from ${sql.id(schema, "sys_x_note")} order by "id"`.execute(db);
    expect(rows.rows).toEqual([
      { id: 1, pinned: false },
      { id: 2, pinned: false },
    ]);
    expect(await applied(db, schema)).toEqual(["x_notes/001-notes", "x_notes/002-notes-pinned"]);
  });

  it("refuses to serve a company a newer engine migrated, and serves the others", async () => {
    const old = await testEngine({ modules: withNotes(notes("1.0.0", [notesV1])) });
    const other = await testCompany(old, "modother");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const refused = await sameSession(old, company.admin).get("/api/data/customer?limit=1");
    const logged = log.mock.calls.map((call) => call.join(" "));
    log.mockRestore();
    expect(logged).toEqual([
      expect.stringContaining(
        'has migration "002-notes-pinned" of module "x_notes", which this engine does not know',
      ),
    ]);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("unavailable");
    expect((await other.admin.get("/api/data/customer?limit=1")).status).toBe(200);
  });

  it("brings a company made before migrations existed up to date, keeping its data", async () => {
    const before = await testCompany(await testEngine(), "modold");
    const oldSchema = schemaOf(before.slug);
    await sql`insert into ${sql.id(oldSchema, "sys_user_pref")} ("user_id", "key", "value", "updated_at")
      select "id", 'list.customer.columns', '["name"]', now() from ${sql.id(oldSchema, "sys_user")}`.execute(
      db,
    );
    await sql`drop table ${sql.id(oldSchema, "sys_migration")}`.execute(db);
    await sql`drop table ${sql.id(oldSchema, "sys_number_series")}`.execute(db);
    const later = await testEngine();
    const client = sameSession(later, before.admin);
    expect((await client.get("/api/prefs/list.customer.columns")).body.value).toEqual(["name"]);
    const created = await client.post("/api/data/customer", { name: "迁移之后" });
    expect(created.status, created.text).toBe(201);
    expect(created.body.code).toMatch(/^KH\d{6}-0001$/);
    const steps = await sql<{ n: number }>`select count(*)::int as n
      from ${sql.id(oldSchema, "sys_migration")}`.execute(db);
    const expected = later.deps.modules.ordered.flatMap((m) => m.companyMigrations ?? []).length;
    expect(steps.rows[0]!.n).toBe(expected);
  });
});
