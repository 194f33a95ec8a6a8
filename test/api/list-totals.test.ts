import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import { fillSearchData } from "../../engine/search-index/search-data.ts";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

/**
 * `total=exact|estimate|none` on the list API, and without it: counted
 * exactly up to 10,000 matches, the planner's estimate beyond; with `q`,
 * up to 1,000, "more" beyond (list contract).
 */
let admin: TestClient;
// 10,000 in one city, one in another, 1,999 in a third: 12,000 in all.
const cities = { big: "甲城", one: "乙城", rest: "丙城" };
const all = 12_000;

const list = (query: Record<string, unknown>) =>
  admin.get(
    `/api/data/customer?${new URLSearchParams(
      Object.entries(query).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    )}`,
  );
const inCities = (...names: string[]) => ({ field: "city", op: "in", value: names });

beforeAll(async () => {
  const engine = await testEngine();
  const co = await testCompany(engine, "totals");
  admin = co.admin;
  const me = (await admin.get("/api/auth/me")).body.user.id as string;
  const db = engine.deps.database.db;
  const table = sql.table(`${schemaOf(co.slug)}.customer`);
  // Straight into the table: twelve thousand creates through the API would take minutes.
  await sql`insert into ${table}
      ("id", "version", "owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "name", "city")
    select gen_random_uuid(), 1, ${me}, ${me}, ${me},
      timestamptz '2026-01-01' + i * interval '1 second', timestamptz '2026-01-01' + i * interval '1 second',
      'Customer ' || i,
      case when i <= 10000 then ${cities.big} when i = 10001 then ${cities.one} else ${cities.rest} end
    from generate_series(1, ${all}) as i`.execute(db);
  // Rows written around the record service get their search data as an import's would.
  const company = await engine.deps.companies.get((await engine.deps.companies.find(co.slug))!);
  await fillSearchData(db, schemaOf(co.slug), company.meta.entities.customer!);
  await sql`analyze ${table}`.execute(db);
}, 120_000);

describe("total, as asked", () => {
  it("answers items, total, totalKind and next, in that order", async () => {
    const res = await list({ limit: "2" });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body)).toEqual(["items", "total", "totalKind", "next"]);
    expect(res.body.items).toHaveLength(2);
  });

  it("exact counts every match, however many", async () => {
    expect((await list({ total: "exact", limit: "1" })).body).toMatchObject({
      total: all,
      totalKind: "exact",
    });
    const rest = await list({ total: "exact", filter: inCities(cities.rest), limit: "1" });
    expect(rest.body).toMatchObject({ total: 1_999, totalKind: "exact" });
  });

  it("estimate answers the planner's estimate, near the count once the table is analysed", async () => {
    const res = await list({ total: "estimate", limit: "1" });
    expect(res.body.totalKind).toBe("estimate");
    expect(res.body.total).toBeGreaterThan(all * 0.75);
    expect(res.body.total).toBeLessThan(all * 1.25);
    expect(res.body.items).toHaveLength(1);
  });

  it("none does not count: total is null, the page is the same", async () => {
    const counted = await list({ limit: "3" });
    const res = await list({ total: "none", limit: "3" });
    expect(res.body).toEqual({ ...counted.body, total: null, totalKind: "none" });
  });

  it("refuses any other mode, naming the parameter", async () => {
    for (const total of ["all", "EXACT", "x".repeat(300)]) {
      const res = await list({ total });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.details).toEqual({ total: total.slice(0, 20) });
      expect(res.body.error.message).toContain("exact, estimate, none");
    }
  });
});

describe("total by default", () => {
  it("is exact up to 10,000 matches", async () => {
    const big = await list({ filter: inCities(cities.big), limit: "1" });
    expect(big.body).toMatchObject({ total: 10_000, totalKind: "exact" });
    const few = await list({ filter: inCities(cities.one, cities.rest) });
    expect(few.body).toMatchObject({ total: 2_000, totalKind: "exact" });
    const none = await list({ filter: inCities("无城") });
    expect(none.body).toEqual({ items: [], total: 0, totalKind: "exact", next: null });
  });

  it("is an estimate, never below 10,001, from 10,001 matches on", async () => {
    const just = await list({ filter: inCities(cities.big, cities.one), limit: "1" });
    expect(just.body.totalKind).toBe("estimate");
    expect(just.body.total).toBeGreaterThanOrEqual(10_001);
    const whole = await list({ limit: "1" });
    expect(whole.body.totalKind).toBe("estimate");
    expect(whole.body.total).toBeGreaterThan(all * 0.75);
    expect(whole.body.total).toBeLessThan(all * 1.25);
  });

  it("counts the whole filter on every page, whichever way it is reached", async () => {
    const first = await list({ filter: inCities(cities.rest), limit: "200" });
    const second = await list({
      filter: inCities(cities.rest),
      limit: "200",
      after: first.body.next,
    });
    const third = await list({ filter: inCities(cities.rest), limit: "200", offset: "400" });
    for (const page of [first, second, third])
      expect(page.body).toMatchObject({ total: 1_999, totalKind: "exact" });
  });
});

describe("total of a quick search by default", () => {
  // 丙城 holds customers 10,002 to 12,000: "Customer 11" is in 1,000 of their names.
  const rest = inCities(cities.rest);

  it("is exact up to 1,000 matches", async () => {
    expect((await list({ q: "Customer 11", filter: rest, limit: "1" })).body).toMatchObject({
      total: 1_000,
      totalKind: "exact",
    });
    expect((await list({ q: "Customer 110", filter: rest, limit: "1" })).body).toMatchObject({
      total: 100,
      totalKind: "exact",
    });
  });

  it("says more than 1,000 beyond, with the page as asked, and counts exactly on request", async () => {
    const more = await list({ q: "Customer 1", filter: rest, limit: "5" });
    expect(more.body).toMatchObject({ total: 1_000, totalKind: "more" });
    expect(more.body.items).toHaveLength(5);
    const counted = await list({ q: "Customer 1", filter: rest, limit: "5", total: "exact" });
    expect(counted.body).toEqual({ ...more.body, total: 1_999, totalKind: "exact" });
    const everyone = await list({ q: "customer", limit: "1", total: "exact" });
    expect(everyone.body).toMatchObject({ total: all, totalKind: "exact" });
  });

  it("keeps the other modes: estimate and none", async () => {
    const estimate = await list({ q: "customer", limit: "1", total: "estimate" });
    expect(estimate.body.totalKind).toBe("estimate");
    expect(estimate.body.total).toBeGreaterThan(0);
    const none = await list({ q: "customer", limit: "1", total: "none" });
    expect(none.body).toMatchObject({ total: null, totalKind: "none" });
  });

  it("says more than 1,000 in the global search too", async () => {
    const res = await admin.get("/api/search?q=customer");
    expect(res.status, res.text).toBe(200);
    expect(res.body.groups.find((g: { entity: string }) => g.entity === "customer")).toMatchObject({
      total: 1_000,
      totalKind: "more",
    });
    const few = await admin.get(`/api/search?q=${encodeURIComponent("Customer 1100")}`);
    expect(few.body.groups.find((g: { entity: string }) => g.entity === "customer")).toMatchObject({
      total: 11,
      totalKind: "exact",
    });
  });
});
