import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import { syncCompanySchema } from "../../engine/sync/sync-company-schema.ts";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * Keyset paging (list contract): `next` continues after the page's last row
 * in the sort's order, id breaking ties, empty values where PostgreSQL puts
 * them; a bad cursor, or one with `offset`, is a 400.
 */
let engine: TestEngine;
let slug: string;
let admin: TestClient;
let staff: TestClient;
const count = 61;
const qualities = ["A", "B", null];

const list = (client: TestClient, query: Record<string, string>) =>
  client.get(`/api/data/customer?${new URLSearchParams(query)}`);
const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString("base64url");
const decoded = (next: string) =>
  JSON.parse(Buffer.from(next, "base64url").toString()) as unknown[];

/** Every id of a list, page after page by `next`, checking each page's cursor on the way. */
async function walk(client: TestClient, query: Record<string, string>, limit: number) {
  const ids: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const res = await list(client, { ...query, limit: String(limit), ...(after ? { after } : {}) });
    expect(res.status, res.text).toBe(200);
    ids.push(...res.body.items.map((r: { id: string }) => r.id));
    if (res.body.next === null) {
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      return ids;
    }
    expect(res.body.items).toHaveLength(limit);
    after = res.body.next as string;
  }
  throw new Error("the walk did not end");
}

/** The same list in one read, by offset, to compare a walk with. */
async function whole(client: TestClient, query: Record<string, string>) {
  const res = await list(client, { ...query, limit: "200", total: "none" });
  expect(res.status, res.text).toBe(200);
  expect(res.body.next).toBeNull();
  return res.body.items.map((r: { id: string }) => r.id) as string[];
}

function expectBadCursor(res: TestResponse, words: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code, res.text).toBe("bad_cursor");
  expect(res.body.error.details).toEqual({ parameter: "after" });
  expect(res.body.error.message).toContain(words);
}

beforeAll(async () => {
  engine = await testEngine();
  ({ slug, admin } = await testCompany(engine, "keyset"));
  const password = "staff-password-1";
  await addStaffUser(engine, slug, "own", password, {
    permissions: {
      modules: ["crm"],
      entities: { customer: { actions: ["read", "create"], scope: "own" } },
    },
  });
  staff = new TestClient(engine.app);
  await staff.login(slug, "own", password);
  // Three records per instant, so that the id decides between them; every
  // fourth without employees, every third without a quality.
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) engine.clock.advance(1000);
    const client = i % 2 === 0 ? admin : staff;
    const res = await client.post("/api/data/customer", {
      name: `Kunde ${String(i % 17).padStart(2, "0")}`,
      ...(i % 4 === 0 ? {} : { employees: i % 5 }),
      ...(qualities[i % 3] ? { quality: qualities[i % 3] } : {}),
    });
    expect(res.status, res.text).toBe(201);
  }
});

describe("next and after", () => {
  it("walks the default order, newest first, ties broken by id, with no row twice", async () => {
    const ids = await walk(admin, {}, 7);
    expect(ids).toEqual(await whole(admin, {}));
    expect(new Set(ids).size).toBe(count);
  });

  it("carries the last row's sort key values and its id, as its JSON has them", async () => {
    const page = await list(admin, { limit: "4", sort: "quality,name" });
    const last = page.body.items[3];
    expect(decoded(page.body.next)).toEqual([last.quality, last.name, last.id]);
    const dated = await list(admin, { limit: "4" });
    const newest = dated.body.items[3];
    expect(decoded(dated.body.next)).toEqual([newest.createdAt, newest.id]);
  });

  it("walks sorts on fields with empty values, either way and mixed", async () => {
    for (const sort of ["employees", "-employees", "quality,-createdAt", "-quality,name", "name"]) {
      const ids = await walk(admin, { sort }, 5);
      expect(ids, sort).toEqual(await whole(admin, { sort }));
    }
  });

  it("walks a filtered list and a scoped user's own records", async () => {
    const filter = JSON.stringify({ field: "quality", op: "in", value: ["A", "B"] });
    expect(await walk(admin, { filter, sort: "-employees" }, 4)).toEqual(
      await whole(admin, { filter, sort: "-employees" }),
    );
    const own = await walk(staff, {}, 6);
    expect(own).toHaveLength(Math.floor(count / 2));
    expect(own).toEqual(await whole(staff, {}));
  });

  it("answers next null on the last page, also when it is full", async () => {
    const exact = await list(admin, { limit: String(count) });
    expect(exact.body.items).toHaveLength(count);
    expect(exact.body.next).toBeNull();
    const beyond = await list(admin, { limit: "60" });
    const last = await list(admin, { limit: "60", after: beyond.body.next });
    expect(last.body.items).toHaveLength(1);
    expect(last.body.next).toBeNull();
  });
});

describe("bad cursors", () => {
  it("refuses what is not a cursor of this list's sort", async () => {
    const id = (await list(admin, { limit: "1" })).body.items[0].id as string;
    expectBadCursor(await list(admin, { after: "not a cursor!" }), "not a cursor");
    expectBadCursor(await list(admin, { after: cursor({ a: 1 }) }), "not a cursor of this sort");
    expectBadCursor(await list(admin, { after: "e30" }), "not a cursor of this sort");
    expectBadCursor(await list(admin, { after: "bm90IGpzb24" }), "not a cursor");
    const byName = (await list(admin, { limit: "1", sort: "quality,name" })).body.next;
    expectBadCursor(await list(admin, { after: byName }), "-createdAt,-id");
    expectBadCursor(await list(admin, { after: cursor(["yesterday", id]) }), "createdAt");
    expectBadCursor(await list(admin, { after: cursor([null, id]) }), "createdAt cannot be empty");
    expectBadCursor(await list(admin, { after: cursor(["2026-11-27T02:00:00.000Z", "x"]) }), "id");
    expectBadCursor(await list(admin, { sort: "name", after: cursor(["a\u0000", id]) }), "U+0000");
    const long = await list(admin, { after: "A".repeat(16_385) });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: "limit_exceeded", details: { limit: "cursor" } });
  });

  it("refuses after with offset, naming both", async () => {
    const next = (await list(admin, { limit: "2" })).body.next as string;
    for (const offset of ["0", "2"]) {
      const res = await list(admin, { after: next, offset });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.details).toEqual({ after: next.slice(0, 20), offset });
      expect(res.body.error.message).toContain("after and offset");
    }
  });
});

describe("the indexes keyset pages read", () => {
  it("gives a company synced before them its keyset indexes and drops the ones they replace", async () => {
    const db = engine.deps.database.db;
    const schema = schemaOf(slug);
    await sql`drop index ${sql.id(schema, "customer_createdAt_id_keyset")}`.execute(db);
    await sql`create index "customer_createdAt_cover" on ${sql.table(`${schema}.customer`)}
      ("createdAt" desc) include ("owner", "id")`.execute(db);
    const context = await engine.deps.companies.get((await engine.deps.companies.find(slug))!);
    const report = await db
      .transaction()
      .execute((tx) => syncCompanySchema(tx, schema, context.meta, context.fieldContext));
    expect(report.indexes).toEqual(["customer_createdAt_id_keyset"]);
    const { rows } = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_catalog.pg_indexes
      where schemaname = ${schema} and tablename = 'customer' and indexname like '%createdAt%'
      order by indexname`.execute(db);
    expect(rows.map((r) => r.indexname)).toEqual([
      "customer_city_createdAt_id_keyset",
      "customer_createdAt_id_keyset",
      "customer_quality_createdAt_id_keyset",
      "customer_region_createdAt_id_keyset",
    ]);
    expect(rows[1]!.indexdef).toContain('("createdAt" DESC, id DESC) INCLUDE (owner)');
  });
});
