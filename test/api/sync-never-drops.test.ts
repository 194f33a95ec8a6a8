import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { syncCompanySchema, syncedMark } from "../../engine/sync/sync-company-schema.ts";
import { baseWithoutCustomerFax } from "../support/metadata-copy.ts";
import {
  sameSession,
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

describe("schema sync never drops", () => {
  let first: TestEngine;
  let co: TestCompany;
  let schema: string;
  let id: string;

  beforeAll(async () => {
    first = await testEngine();
    co = await testCompany(first, "snd");
    schema = `co_${co.slug}`;
    const added = await co.admin.post("/api/admin/entities/customer/fields", {
      key: "x_note",
      type: "text",
      labels: { en: "Note" },
    });
    expect(added.status).toBe(201);
    const created = await co.admin.post("/api/data/customer", {
      name: "绍兴柯桥纺织有限公司",
      fax: "0575-8888 1235",
      x_note: "keep me",
    });
    expect(created.status).toBe(201);
    id = created.body.id;
  });

  const columns = async (engine: TestEngine) =>
    (
      await sql<{ column_name: string; data_type: string }>`
        select column_name, data_type from information_schema.columns
        where table_schema = ${schema} and table_name = 'customer' order by column_name`.execute(
        engine.deps.database.db,
      )
    ).rows;
  const indexes = async (engine: TestEngine) =>
    (
      await sql<{ indexname: string; indexdef: string }>`
        select indexname, indexdef from pg_catalog.pg_indexes where schemaname = ${schema} order by indexname`.execute(
        engine.deps.database.db,
      )
    ).rows;

  it("keeps the column and data of a field the base no longer has, leaving it out of answers", async () => {
    const before = await columns(first);
    const shrunk = await testEngine({ base: baseWithoutCustomerFax() });
    const client = sameSession(shrunk, co.admin);

    const meta = await client.get("/api/meta");
    expect(meta.status).toBe(200);
    expect(meta.body.entities.customer.fields).not.toHaveProperty("fax");
    expect(meta.body.entities.customer.fields.x_note).toEqual({ type: "text" });
    const read = await client.get(`/api/data/customer/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty("fax");
    expect(read.body.x_note).toBe("keep me");
    const write = await client.post("/api/data/customer", {
      name: "No Fax Co",
      fax: "0571-1234567",
    });
    expect(write.status).toBe(400);
    expect(write.body.error.details.fields).toEqual([
      expect.objectContaining({ field: "fax", rule: "unknown" }),
    ]);
    expect(
      (await client.post("/api/data/customer", { name: "No Fax Co", x_note: "new" })).status,
    ).toBe(201);

    // The shrunk engine synced the schema to its metadata, and that sync dropped nothing.
    const state = await sql<{ synced_hash: string }>`
      select synced_hash from ${sql.id(schema, "sys_meta_state")}`.execute(shrunk.deps.database.db);
    const company = (await shrunk.deps.companies.find(co.slug))!;
    expect(state.rows[0]!.synced_hash).toBe(
      syncedMark((await shrunk.deps.companies.get(company)).meta.hash),
    );
    expect(await columns(shrunk)).toEqual(before);
    expect(before).toEqual(
      expect.arrayContaining([
        { column_name: "fax", data_type: "text" },
        { column_name: "x_note", data_type: "text" },
      ]),
    );
    const row = await sql<{ fax: string; x_note: string }>`
      select fax, x_note from ${sql.id(schema, "customer")} where id = ${id}`.execute(
      shrunk.deps.database.db,
    );
    expect(row.rows).toEqual([{ fax: "0575-8888 1235", x_note: "keep me" }]);

    // Back on the full base, the field and its data come back.
    const full = sameSession(await testEngine(), co.admin);
    expect((await full.get(`/api/data/customer/${id}`)).body.fax).toBe("0575-8888 1235");
  });

  it("runs idempotently: a second and third sync change nothing and add no indexes", async () => {
    const before = await indexes(first);
    expect(before.length).toBeGreaterThan(0);
    const company = (await first.deps.companies.find(co.slug))!;
    const context = await first.deps.companies.get(company);
    const sync = () =>
      first.deps.database.db
        .transaction()
        .execute((tx) => syncCompanySchema(tx, schema, context.meta, context.fieldContext));
    const empty = {
      created: [],
      added: [],
      collated: [],
      indexes: [],
      foreignKeys: [],
      deferred: [],
    };
    expect(await sync()).toEqual(empty);
    expect(await sync()).toEqual(empty);

    const after = await indexes(first);
    expect(after).toEqual(before);
    const definitions = after.map((i) => i.indexdef.replace(/INDEX \S+ ON/, "INDEX ON"));
    expect(new Set(definitions).size).toBe(definitions.length);
    expect(
      after.filter((i) => i.indexname.startsWith("customer_")).map((i) => i.indexname),
    ).toEqual(
      expect.arrayContaining(["customer_city_createdAt_id_keyset", "customer_createdAt_id_keyset"]),
    );
  });

  it("syncs a company whose schema lost a column back to its metadata, additively", async () => {
    const db = first.deps.database.db;
    await sql`alter table ${sql.id(schema, "customer")} drop column "x_note"`.execute(db);
    const company = (await first.deps.companies.find(co.slug))!;
    const context = await first.deps.companies.get(company);
    const report = await db
      .transaction()
      .execute((tx) => syncCompanySchema(tx, schema, context.meta, context.fieldContext));
    expect(report).toEqual({
      created: [],
      added: ["customer.x_note"],
      collated: [],
      indexes: [],
      foreignKeys: [],
      deferred: [],
    });
    expect((await columns(first)).map((c) => c.column_name)).toContain("x_note");
  });
});
