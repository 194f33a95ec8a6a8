import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import type { TestClient } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import { sameSession, testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * Lists sorted by a text field follow the company's language
 * (ARCHITECTURE.md "Text order"): pinyin for a Chinese company on
 * PostgreSQL; on the embedded database, whose ICU has only the root
 * collation, Latin letters alphabetically with case second and Chinese in
 * Unicode (radical-stroke) order.
 */

const cities = ["上海贸易", "青岛啤酒", "北京科技", "杭州西湖", "广州食品", "深圳电子"];
const latin = ["Zebra Ltd", "apple farm", "Apple Inc", "banana co"];

const expectedZh =
  testDbKind === "postgres"
    ? // Pinyin: bei, guang, hang, qing, shang, shen; ICU's zh puts Han before Latin.
      ["北京科技", "广州食品", "杭州西湖", "青岛啤酒", "上海贸易", "深圳电子"]
    : // Code points: 上 4E0A, 北 5317, 广 5E7F, 杭 676D, 深 6DF1, 青 9752.
      ["上海贸易", "北京科技", "广州食品", "杭州西湖", "深圳电子", "青岛啤酒"];
const expectedLatin = ["apple farm", "Apple Inc", "banana co", "Zebra Ltd"];

let engine: TestEngine;

async function names(client: TestClient, query: string): Promise<string[]> {
  const res = await client.get(`/api/data/customer?limit=50&${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body.items.map((r: { name: string }) => r.name);
}

beforeAll(async () => {
  engine = await testEngine();
});

describe("a Chinese company", () => {
  let admin: TestClient;
  let slug: string;

  beforeAll(async () => {
    ({ admin, slug } = await testCompany(engine, "zhsort"));
    for (const name of [...cities, ...latin]) {
      const res = await admin.post("/api/data/customer", { name, city: name.slice(0, 2) });
      expect(res.status, res.text).toBe(201);
    }
  });

  it("sorts a list by name in its language's order, both ways", async () => {
    const expected =
      testDbKind === "postgres"
        ? [...expectedZh, ...expectedLatin]
        : [...expectedLatin, ...expectedZh];
    expect(await names(admin, "sort=name")).toEqual(expected);
    expect(await names(admin, "sort=-name")).toEqual([...expected].reverse());
    // Any text field, not just the title: city holds the first two characters.
    expect((await names(admin, "sort=city,name")).filter((n) => cities.includes(n))).toEqual(
      expectedZh,
    );
  });

  it("exports in the same order", async () => {
    const res = await admin.get("/api/data/customer/export?columns=name&sort=name");
    expect(res.status).toBe(200);
    const rows = res.text
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .slice(1, -1);
    expect(rows).toEqual(await names(admin, "sort=name"));
  });

  it("gives a schema synced before text columns had a collation its collation on the next load", async () => {
    const db = engine.deps.database.db;
    const schema = schemaOf(slug);
    await sql`alter table ${sql.id(schema, "customer")}
      alter column "name" type text collate "C", alter column "city" type text collate "C"`.execute(
      db,
    );
    await db
      .updateTable(`${schema}.sys_meta_state`)
      .set({ synced_hash: "synced by an older engine" })
      .where("id", "=", 1)
      .execute();
    // A new process loads the company and syncs it, the collation included.
    const client = sameSession(await testEngine(), admin);
    const expected =
      testDbKind === "postgres"
        ? [...expectedZh, ...expectedLatin]
        : [...expectedLatin, ...expectedZh];
    expect(await names(client, "sort=name")).toEqual(expected);
    const { rows } = await sql<{ attname: string; collname: string }>`
      select a.attname, c.collname from pg_catalog.pg_attribute a
      join pg_catalog.pg_collation c on c.oid = a.attcollation
      where a.attrelid = ${`${schema}.customer`}::regclass and a.attname in ('name', 'city')
      order by a.attname`.execute(db);
    expect(rows).toEqual([
      { attname: "city", collname: "text_order" },
      { attname: "name", collname: "text_order" },
    ]);
  });

  it.skipIf(testDbKind === "pglite")(
    "keeps indexes usable: a list filtered by customer and sorted by name reads the index in order",
    async () => {
      const db = engine.deps.database.db;
      const schema = schemaOf(slug);
      const plan = await db.transaction().execute(async (tx) => {
        // Without a sort to fall back on, the planner must take the order from the index.
        await sql`set local enable_sort = off`.execute(tx);
        await sql`set local enable_seqscan = off`.execute(tx);
        const { rows } = await sql<{ "QUERY PLAN": string }>`explain
          select "id" from ${sql.id(schema, "contact")}
          where "customer" = ${"00000000-0000-7000-8000-000000000001"}
          order by "name" limit 50`.execute(tx);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
      expect(plan).toMatch(/Index (Only )?Scan using contact_customer_name_id_keyset/);
      expect(plan).not.toMatch(/\bSort\b/);
    },
  );
});

describe("an English company", () => {
  it("sorts Latin letters alphabetically, case second", async () => {
    const { admin } = await testCompany(engine, "ensort", { language: "en" });
    for (const name of [...latin].reverse()) {
      expect((await admin.post("/api/data/customer", { name })).status).toBe(201);
    }
    expect(await names(admin, "sort=name")).toEqual(expectedLatin);
  });
});
