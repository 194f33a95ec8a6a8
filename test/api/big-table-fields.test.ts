import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import { bigTableBytes } from "../../engine/sync/big-table.ts";
import type { TestClient } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import { sameSession, testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { waitFor } from "../support/wait-for.ts";

/**
 * Fields on big tables: an index is built after the change that wants it
 * (CONCURRENTLY on PostgreSQL), each one's state and progress readable by
 * the admin, and a field can be marked `indexed` for filtering and sorting.
 */

let engine: TestEngine;

const indexes = async (admin: TestClient, entity = "customer") => {
  const res = await admin.get(`/api/admin/entities/${entity}/indexes`);
  expect(res.status, res.text).toBe(200);
  return res.body as {
    indexes: { name: string; field: string | null; state: string; unique: boolean }[];
    fields: Record<string, string>;
  };
};

/** Waits until no index of `field` is building, and returns its indexes. */
const settled = (admin: TestClient, field: string) =>
  waitFor(async () => {
    const answer = await indexes(admin);
    if (answer.fields[field] === "index building") return undefined;
    return answer.indexes.filter((i) => i.field === field);
    // A concurrent build waits for every older transaction of the database, such as an
    // export an earlier file left streaming to a client that stopped reading (up to its stall limit).
  }, 150);

/** Fills a company's customers past the size from which indexes are built after the change. */
async function bigCustomers(slug: string, admin: TestClient): Promise<void> {
  const me = (await admin.get("/api/auth/me")).body.user.id as string;
  const table = sql.table(`${schemaOf(slug)}.customer`);
  await sql`insert into ${table}
      ("id", "version", "owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "name", "city")
    select gen_random_uuid(), 1, ${me}, ${me}, ${me}, now(), now(), 'big ' || g, 'city ' || (g % 50)
    from generate_series(1, 30000) g`.execute(engine.deps.database.db);
  const { rows } = await sql<{ bytes: string }>`
    select pg_catalog.pg_relation_size(${`${schemaOf(slug)}.customer`}::regclass) as bytes`.execute(
    engine.deps.database.db,
  );
  expect(Number(rows[0]!.bytes)).toBeGreaterThan(bigTableBytes);
}

beforeAll(async () => {
  engine = await testEngine();
});

describe("a field marked indexed", () => {
  it("gets an index of its own, listed ready, and lists sort and filter on it", async () => {
    const { admin } = await testCompany(engine, "idx");
    const added = await admin.post("/api/admin/entities/customer/fields", {
      key: "x_rank",
      type: "integer",
      indexed: true,
    });
    expect(added.status, added.text).toBe(201);
    expect(added.body.field).toMatchObject({ indexed: true });
    const [rank] = await settled(admin, "x_rank");
    expect(rank).toMatchObject({
      name: "customer_x_rank_id_keyset",
      state: "ready",
      unique: false,
    });

    for (const [name, x_rank] of [
      ["乙", 2],
      ["甲", 1],
      ["丙", 3],
    ] as const)
      expect((await admin.post("/api/data/customer", { name, x_rank })).status).toBe(201);
    const filter = encodeURIComponent(JSON.stringify({ field: "x_rank", op: "lte", value: 2 }));
    const sorted = await admin.get(`/api/data/customer?sort=-x_rank&filter=${filter}`);
    expect(sorted.status, sorted.text).toBe(200);
    expect(sorted.body.items.map((c: { name: string }) => c.name)).toEqual(["乙", "甲"]);

    // An existing field, marked by PATCH.
    const marked = await admin.patch("/api/admin/entities/customer/fields/city", { indexed: true });
    expect(marked.status, marked.text).toBe(200);
    expect((await settled(admin, "city"))[0]).toMatchObject({ state: "ready" });
    // Every index sync keeps is listed, the entity's own ones with no field.
    const all = await indexes(admin);
    expect(all.indexes.map((i) => i.name)).toContain("customer_createdAt_id_keyset");
    expect(all.indexes.every((i) => i.state === "ready")).toBe(true);
  });

  it("is refused on a field that cannot be sorted, naming it", async () => {
    const { admin } = await testCompany(engine, "idx");
    const res = await admin.post("/api/admin/entities/customer/fields", {
      key: "x_tags",
      type: "json",
      indexed: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/indexed/);
  });

  it("answers 404 for an unknown entity", async () => {
    const { admin } = await testCompany(engine, "idx");
    expect((await admin.get("/api/admin/entities/nothing/indexes")).status).toBe(404);
  });
});

describe("a unique and a reference field added to a big table", () => {
  it("are live at once, their indexes built after, duplicates refused once ready", async () => {
    const { slug, admin } = await testCompany(engine, "big");
    await bigCustomers(slug, admin);

    const unique = await admin.post("/api/admin/entities/customer/fields", {
      key: "x_code",
      type: "text",
      unique: true,
    });
    expect(unique.status, unique.text).toBe(201);
    const ref = await admin.post("/api/admin/entities/customer/fields", {
      key: "x_parent",
      type: "reference",
      entity: "customer",
    });
    expect(ref.status, ref.text).toBe(201);
    // Live before any index is: a write with both fields.
    const parent = await admin.post("/api/data/customer", { name: "母公司", x_code: "P-1" });
    expect(parent.status, parent.text).toBe(201);

    expect(await settled(admin, "x_code")).toMatchObject([{ unique: true, state: "ready" }]);
    expect(await settled(admin, "x_parent")).toMatchObject([{ state: "ready" }]);
    const child = await admin.post("/api/data/customer", {
      name: "子公司",
      x_code: "C-1",
      x_parent: parent.body.id,
    });
    expect(child.status, child.text).toBe(201);
    const twin = await admin.post("/api/data/customer", { name: "重复", x_code: "P-1" });
    expect(twin.status).toBe(409);
    // The foreign key holds, validated.
    const stray = await admin.post("/api/data/customer", {
      name: "孤儿",
      x_parent: "01890000-0000-7000-8000-000000000000",
    });
    expect(stray.status).toBeGreaterThanOrEqual(400);
    expect(stray.status).toBeLessThan(500);
    const { rows } = await sql<{ valid: boolean }>`
      select convalidated as valid from pg_catalog.pg_constraint
      where conname = 'customer_x_parent_fkey'
        and connamespace = ${schemaOf(slug)}::regnamespace`.execute(engine.deps.database.db);
    expect(rows).toEqual([{ valid: true }]);
  });

  it("an existing field with duplicates is refused unique, naming it", async () => {
    const { slug, admin } = await testCompany(engine, "big");
    await bigCustomers(slug, admin);
    // city repeats every 50 rows.
    const res = await admin.patch("/api/admin/entities/customer/fields/city", { unique: true });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: "existing_duplicates",
      details: { field: "city" },
    });
    expect((await indexes(admin)).fields.city).toBeUndefined();
  });
});

describe.runIf(testDbKind === "postgres")("a build cut short", () => {
  /** An INVALID index under the name sync wants, as a concurrent build that failed or whose process stopped leaves. */
  async function cutShort(schema: string) {
    const db = engine.deps.database.db;
    const table = sql.table(`${schema}.customer`);
    await sql`drop index if exists ${sql.id(schema, "customer_x_no_key")}`.execute(db);
    await sql`update ${table} set "x_no" = 'same' where "name" in ('big 1', 'big 2')`.execute(db);
    await expect(
      sql`create unique index concurrently "customer_x_no_key" on ${table} ("x_no")`.execute(db),
    ).rejects.toThrow(/unique index/);
    await sql`update ${table} set "x_no" = null where "name" = 'big 2'`.execute(db);
  }

  it("is dropped and built again, by the next change and by the next process", async () => {
    const { slug, admin } = await testCompany(engine, "cut");
    const schema = schemaOf(slug);
    await bigCustomers(slug, admin);
    const added = await admin.post("/api/admin/entities/customer/fields", {
      key: "x_no",
      type: "text",
    });
    expect(added.status).toBe(201);
    await cutShort(schema);
    const marked = await admin.patch("/api/admin/entities/customer/fields/x_no", { unique: true });
    expect(marked.status, marked.text).toBe(200);
    expect(await settled(admin, "x_no")).toMatchObject([{ state: "ready" }]);
    expect((await admin.post("/api/data/customer", { name: "重复", x_no: "same" })).status).toBe(
      409,
    );

    // A process that stopped mid-build: another one's first load of the company finishes it.
    await cutShort(schema);
    const second = await testEngine({ database: engine.deps.database });
    const other = sameSession(second, admin);
    expect(await settled(other, "x_no")).toMatchObject([{ state: "ready" }]);
    expect((await other.post("/api/data/customer", { name: "再重复", x_no: "same" })).status).toBe(
      409,
    );
  }, 300_000);
});
