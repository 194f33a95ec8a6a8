import { beforeAll, describe, expect, it } from "vitest";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * Datetime filters: bare dates are whole days in the company's timezone
 * (Asia/Shanghai, UTC+8, here), full instants compare as instants; and the
 * system fields createdAt, updatedAt, version, owner and createdBy.
 */
const password = "admin-password-1"; // the one testCompany gives its admin
let engine: TestEngine;
let slug: string;
let admin: TestClient;
let sales: TestClient;
let adminId: string;
let salesId: string;

// name → lastContactAt; each record is also created at that instant (createdAt).
const D1 = "d1 03-01 00:00";
const D2 = "d2 03-01 23:59:59";
const D3 = "d3 03-02 00:00";
const D4 = "d4 03-01 16:00";
const D5 = "d5 02-28 23:59:59.999";
const D6 = "d6 never";
const D7 = "d7 2027-01-01 00:00";
const D8 = "d8 12-31 23:59:59";
const instants: [string, string | null, "admin" | "sales"][] = [
  [D1, "2026-02-28T16:00:00.000Z", "admin"],
  [D2, "2026-03-01T15:59:59.000Z", "admin"],
  [D3, "2026-03-01T16:00:00.000Z", "admin"],
  [D4, "2026-03-01T08:00:00.000Z", "admin"],
  [D5, "2026-02-28T15:59:59.999Z", "admin"],
  [D6, null, "admin"],
  [D7, "2026-12-31T16:00:00.000Z", "sales"],
  [D8, "2026-12-31T15:59:59.000Z", "sales"],
];
const all = instants.map(([name]) => name);
const except = (...names: string[]) => all.filter((n) => !names.includes(n));

/** Sessions expire, so each jump of the clock comes with a fresh login. */
async function at(instant: string, client: TestClient, username: string, pw: string) {
  engine.clock.current = new Date(instant);
  await client.login(slug, username, pw);
}

async function matching(client: TestClient, field: string, op: string, value: unknown) {
  const filter = encodeURIComponent(JSON.stringify({ field, op, value }));
  const res = await client.get(`/api/data/customer?limit=200&filter=${filter}`);
  expect(res.status, res.text).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items.map((r: { name: string }) => r.name).sort();
}

type Case = [field: string, op: string, value: unknown, expected: string[]];
const run = (cases: Case[]) =>
  it.each(cases)("%s %s %j", async (field, op, value, expected) => {
    expect(await matching(admin, field, op, value)).toEqual([...expected].sort());
  });

beforeAll(async () => {
  engine = await testEngine();
  ({ slug, admin } = await testCompany(engine, "time"));
  adminId = (await admin.get("/api/auth/me")).body.user.id;
  salesId = await addStaffUser(engine, slug, "sales", "sales-password-1", {
    displayName: "王销售",
  });
  sales = new TestClient(engine.app);
  for (const [name, instant, who] of instants) {
    const creator = who === "admin" ? admin : sales;
    const pw = who === "admin" ? password : "sales-password-1";
    await at(instant ?? "2026-06-01T04:00:00.000Z", creator, who, pw);
    const res = await creator.post("/api/data/customer", { name, lastContactAt: instant });
    expect(res.status, res.text).toBe(201);
    expect(res.body.createdAt).toBe(instant ?? "2026-06-01T04:00:00.000Z");
  }
  // d1 is changed once, on 2026-07-01 (08:00 in Shanghai).
  await at("2026-07-01T00:00:00.000Z", admin, "admin", password);
  const [d1] = (await admin.get(`/api/data/customer?q=d1`)).body.items;
  const patched = await admin.patch(
    `/api/data/customer/${d1.id}`,
    { city: "杭州" },
    { "if-match": '"1"' },
  );
  expect(patched.status, patched.text).toBe(200);
});

describe("datetime, bare dates: whole days in Asia/Shanghai", () => {
  run([
    ["lastContactAt", "eq", "2026-03-01", [D1, D2, D4]],
    ["lastContactAt", "ne", "2026-03-01", except(D1, D2, D4)],
    ["lastContactAt", "lt", "2026-03-01", [D5]],
    ["lastContactAt", "lte", "2026-03-01", [D1, D2, D4, D5]],
    ["lastContactAt", "gt", "2026-03-01", [D3, D7, D8]],
    ["lastContactAt", "gte", "2026-03-01", [D1, D2, D3, D4, D7, D8]],
    ["lastContactAt", "between", ["2026-03-01", "2026-03-02"], [D1, D2, D3, D4]],
    ["lastContactAt", "between", ["2026-02-28", "2026-02-28"], [D5]],
    ["lastContactAt", "between", ["2026-03-02", "2026-03-01"], []],
    ["lastContactAt", "eq", "2026-02-28", [D5]],
    ["lastContactAt", "eq", "2026-12-31", [D8]],
    ["lastContactAt", "eq", "2027-01-01", [D7]],
    ["lastContactAt", "gt", "2026-12-31", [D7]],
    ["lastContactAt", "lt", "2027-01-01", except(D6, D7)],
  ]);
});

describe("datetime, full instants: compared as instants, whatever the zone written", () => {
  run([
    ["lastContactAt", "eq", "2026-03-01T15:59:59Z", [D2]],
    ["lastContactAt", "eq", "2026-03-01T23:59:59+08:00", [D2]],
    ["lastContactAt", "eq", "2026-03-01T15:59:59.000Z", [D2]],
    ["lastContactAt", "ne", "2026-03-01T15:59:59Z", except(D2)],
    ["lastContactAt", "lt", "2026-03-01T16:00:00Z", [D1, D2, D4, D5]],
    ["lastContactAt", "lte", "2026-03-01T16:00:00Z", [D1, D2, D3, D4, D5]],
    ["lastContactAt", "gt", "2026-02-28T16:00:00Z", [D2, D3, D4, D7, D8]],
    ["lastContactAt", "gte", "2026-02-28T16:00:00Z", [D1, D2, D3, D4, D7, D8]],
    ["lastContactAt", "between", ["2026-02-28T16:00:00Z", "2026-03-01T15:59:59Z"], [D1, D2, D4]],
    [
      "lastContactAt",
      "between",
      ["2026-03-01T00:00:00+08:00", "2026-03-01T23:59:59.999+08:00"],
      [D1, D2, D4],
    ],
    ["lastContactAt", "in", ["2026-03-01T15:59:59Z", "2026-03-02T00:00:00+08:00"], [D2, D3]],
    ["lastContactAt", "nin", ["2026-03-01T15:59:59Z"], except(D2)],
    ["lastContactAt", "isNull", true, [D6]],
    ["lastContactAt", "isNull", false, except(D6)],
  ]);
});

describe("system fields: createdAt, updatedAt, version", () => {
  run([
    ["createdAt", "eq", "2026-03-01", [D1, D2, D4]],
    ["createdAt", "ne", "2026-03-01", except(D1, D2, D4)],
    ["createdAt", "between", ["2026-03-02", "2026-12-31"], [D3, D6, D8]],
    ["createdAt", "gte", "2026-12-31T16:00:00Z", [D7]],
    ["createdAt", "lt", "2026-03-01T08:00:00+08:00", [D1, D5]],
    ["createdAt", "isNull", false, all],
    ["updatedAt", "eq", "2026-07-01", [D1]],
    ["updatedAt", "gt", "2026-12-31", [D7]],
    ["version", "eq", 2, [D1]],
    ["version", "gt", 1, [D1]],
    ["version", "ne", 2, except(D1)],
    ["version", "between", [1, 1], except(D1)],
  ]);
});

describe("system fields: owner and createdBy compare by user id", () => {
  it("finds each user's records, ne and nin included", async () => {
    expect(await matching(admin, "owner", "eq", salesId)).toEqual([D7, D8]);
    expect(await matching(admin, "owner", "ne", adminId)).toEqual([D7, D8]);
    expect(await matching(admin, "owner", "in", [adminId])).toEqual(except(D7, D8));
    expect(await matching(admin, "owner", "nin", [salesId])).toEqual(except(D7, D8));
    expect(await matching(admin, "owner", "in", [adminId, salesId])).toEqual(all);
    expect(await matching(admin, "owner", "isNull", true)).toEqual([]);
    expect(await matching(admin, "createdBy", "eq", salesId)).toEqual([D7, D8]);
    expect(await matching(admin, "updatedBy", "eq", adminId)).toEqual(except(D7, D8));
    expect(await matching(admin, "owner", "eq", "00000000-0000-4000-8000-000000000000")).toEqual(
      [],
    );
  });

  it("gives the owner's display name in _display", async () => {
    const filter = encodeURIComponent(JSON.stringify({ field: "owner", op: "eq", value: salesId }));
    const res = await admin.get(`/api/data/customer?filter=${filter}&sort=name`);
    expect(res.body.items[0]).toMatchObject({ name: D7, owner: salesId, createdBy: salesId });
    expect(res.body.items[0]._display).toEqual({
      owner: "王销售",
      createdBy: "王销售",
      updatedBy: "王销售",
    });
  });
});

describe("the company's timezone decides where a day starts", () => {
  it("reads the same instants as UTC days in a UTC company", async () => {
    const utcEngine = await testEngine();
    const { admin: utc } = await testCompany(utcEngine, "utc", { timezone: "UTC" });
    for (const [name, instant] of instants) {
      const res = await utc.post("/api/data/customer", { name, lastContactAt: instant });
      expect(res.status, res.text).toBe(201);
    }
    expect(await matching(utc, "lastContactAt", "eq", "2026-03-01")).toEqual([D2, D3, D4]);
    expect(await matching(utc, "lastContactAt", "lt", "2026-03-01")).toEqual([D1, D5]);
    expect(await matching(utc, "lastContactAt", "eq", "2026-12-31")).toEqual([D7, D8]);
  });
});

describe("the last accepted day", () => {
  it("answers bare date 9999-12-31 on a datetime field like any other day", async () => {
    for (const op of ["eq", "ne", "lte", "gt"]) {
      const filter = JSON.stringify({ field: "lastContactAt", op, value: "9999-12-31" });
      const res = await admin.get(`/api/data/customer?filter=${encodeURIComponent(filter)}`);
      expect(res.status, `${op}: ${res.text}`).toBe(200);
    }
  });
});
