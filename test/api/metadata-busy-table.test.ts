import pg from "pg";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * A metadata change while another connection holds the table (a long report
 * in an open transaction): the change gives up after its lock_timeout with a
 * 503 and nothing of it written, and goes through once the table is free.
 * PostgreSQL only: PGlite has one connection, so nothing else can hold a lock.
 */
describe.skipIf(testDbKind !== "postgres")("a metadata change on a busy table", () => {
  let engine: TestEngine;
  let admin: TestClient;
  let schema: string;
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    engine = await testEngine();
    const company = await testCompany(engine, "busy");
    admin = company.admin;
    const row = await sql<{ schema_name: string }>`
      select schema_name from platform.company where slug = ${company.slug}`.execute(
      engine.deps.database.db,
    );
    schema = row.rows[0]!.schema_name;
    await holder.connect();
  });
  afterAll(() => holder.end());

  const head = async () => (await admin.get("/api/admin/metadata")).body.head as number;
  const hold = async () => {
    await holder.query("begin");
    await holder.query(`select count(*) from "${schema}"."customer"`);
  };

  it("fails fast and cleanly while a transaction reads the table, and succeeds after", async () => {
    const at = await head();
    await hold();
    const started = Date.now();
    const busy = await admin.post("/api/admin/entities/customer/fields", {
      key: "x_busy",
      type: "text",
    });
    const waited = Date.now() - started;
    expect(busy.status).toBe(503);
    expect(busy.body.error.code).toBe("table_busy");
    expect(busy.headers.get("retry-after")).toBe("5");
    expect(busy.body.error.message).toMatch(/the table is busy/);
    expect(waited).toBeLessThan(8000);
    expect(await head()).toBe(at);
    const meta = await admin.get("/api/meta/entities/customer");
    expect(meta.body.fields.x_busy).toBeUndefined();

    await holder.query("commit");
    const added = await admin.post("/api/admin/entities/customer/fields", {
      key: "x_busy",
      type: "text",
    });
    expect(added.status).toBe(201);
    expect(await head()).toBe(at + 1);
  });

  it("a type change gives up the same way, its values untouched", async () => {
    const created = await admin.post("/api/data/customer", { name: "busy", x_busy: "42" });
    expect(created.status).toBe(201);
    await hold();
    const busy = await admin.patch("/api/admin/entities/customer/fields/x_busy", {
      type: "integer",
    });
    expect(busy.status).toBe(503);
    await holder.query("commit");
    expect((await admin.get(`/api/data/customer/${created.body.id}`)).body.x_busy).toBe("42");
    const done = await admin.patch("/api/admin/entities/customer/fields/x_busy", {
      type: "integer",
    });
    expect(done.status).toBe(200);
    expect((await admin.get(`/api/data/customer/${created.body.id}`)).body.x_busy).toBe(42);
  });
});
