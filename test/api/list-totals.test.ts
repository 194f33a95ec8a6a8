import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

/**
 * `total=exact|estimate|none` on the list API, and without it: counted
 * exactly up to 10,000 matches, the planner's estimate beyond (list contract).
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
