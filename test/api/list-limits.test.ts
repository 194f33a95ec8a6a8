import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient, TestResponse } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

/** The limits of the list endpoint and every way a filter or sort can be wrong: each a 400 naming it. */
let admin: TestClient;
const count = 205;
const name = (i: number) => `c${String(i).padStart(3, "0")}`;
const eq = (value: unknown, field = "name") => ({ field, op: "eq", value });

const get = (query: string, entity = "customer") => admin.get(`/api/data/${entity}?${query}`);
const filtered = (filter: unknown, entity = "customer") =>
  get(
    `filter=${encodeURIComponent(typeof filter === "string" ? filter : JSON.stringify(filter))}`,
    entity,
  );

function expectLimit(res: TestResponse, limit: string, max: number) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code).toBe("limit_exceeded");
  expect(res.body.error.details).toEqual({ limit, max });
  expect(res.body.error.message).toContain(`${limit} ≤ ${max}`);
}

function expectBad(res: TestResponse, path: string, field?: string, code = "bad_filter") {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code, res.text).toBe(code);
  if (code === "bad_filter") expect(res.body.error.details.path, res.text).toBe(path);
  if (field !== undefined) expect(res.body.error.details.field, res.text).toBe(field);
}

/** A 400 for an unknown field names it in the message too. */
function expectUnknown(res: TestResponse, path: string, field: string, code = "bad_filter") {
  expectBad(res, path, field, code);
  expect(res.body.error.message).toContain(`unknown field "${field}"`);
}

/** A tree `depth` deep: and/or wrappers around one condition, which is level `depth`. */
function nested(depth: number, leaf: unknown = eq(name(1))): unknown {
  let tree = leaf;
  for (let level = 1; level < depth; level++) tree = { [level % 2 ? "and" : "or"]: [tree] };
  return tree;
}

beforeAll(async () => {
  ({ admin } = await testCompany(await testEngine(), "limits"));
  const json = await admin.post("/api/admin/entities/customer/fields", {
    key: "x_meta",
    type: "json",
    labels: { "zh-CN": "扩展", en: "Meta" },
  });
  expect(json.status, json.text).toBe(201);
  for (let i = 1; i <= count; i++) {
    const res = await admin.post("/api/data/customer", { name: name(i), fax: "0571-1234 5678" });
    expect(res.status, res.text).toBe(201);
  }
});

describe("limits", () => {
  it("depth: 8 levels are answered, 9 are refused", async () => {
    const ok = await filtered(nested(8));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.items.map((r: any) => r.name)).toEqual([name(1)]);
    expectLimit(await filtered(nested(9)), "depth", 8);
    expectLimit(await filtered(nested(9, { and: [] })), "depth", 8);
    let nots: unknown = eq(name(1));
    for (let i = 0; i < 8; i++) nots = { not: nots };
    expectLimit(await filtered(nots), "depth", 8);
  });

  it("inValues: 1,000 values are answered, 1,001 are refused (in and nin)", async () => {
    const values = Array.from({ length: 999 }, (_, i) => `x${i}`);
    const ok = await filtered({ field: "name", op: "in", value: [...values, name(7)] });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.items.map((r: any) => r.name)).toEqual([name(7)]);
    const ids = Array.from({ length: 1000 }, () => "00000000-0000-4000-8000-000000000000");
    expect((await filtered({ field: "id", op: "in", value: ids })).body.total).toBe(0);
    for (const op of ["in", "nin"])
      expectLimit(
        await filtered({ field: "name", op, value: [...values, "a", "b"] }),
        "inValues",
        1000,
      );
  });

  it("limit: 200 rows at most, 50 by default; offset up to 10,000,000", async () => {
    const page = await get("limit=200");
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(200);
    expect(page.body.total).toBe(count);
    expect((await get("")).body.items).toHaveLength(50);
    expectLimit(await get("limit=201"), "limit", 200);
    expect((await get("limit=0")).status).toBe(400);
    expect((await get("offset=10000000")).body).toEqual({
      items: [],
      total: count,
      totalKind: "exact",
      next: null,
    });
    expectLimit(await get("offset=10000001"), "offset", 10_000_000);
  });

  it("conditions: 500 are answered, 501 are refused, counted over the whole tree", async () => {
    const conditions = (n: number) => Array.from({ length: n }, (_, i) => eq(name(i + 1)));
    const ok = await get(
      `limit=200&filter=${encodeURIComponent(JSON.stringify({ or: conditions(500) }))}`,
    );
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.total).toBe(count);
    expectLimit(await filtered({ or: conditions(501) }), "conditions", 500);
    expectLimit(
      await filtered({ and: [{ or: conditions(250) }, { not: { or: conditions(251) } }] }),
      "conditions",
      500,
    );
  });

  it("text: q, contains and startsWith up to 200 characters", async () => {
    for (const text of ["a".repeat(200), "杭".repeat(200)]) {
      expect((await get(`q=${encodeURIComponent(text)}`)).body).toEqual({
        items: [],
        total: 0,
        totalKind: "exact",
        next: null,
      });
      expect((await filtered({ field: "name", op: "contains", value: text })).status).toBe(200);
    }
    for (const text of ["a".repeat(201), "杭".repeat(201)]) {
      expectLimit(await get(`q=${encodeURIComponent(text)}`), "text", 200);
      for (const op of ["contains", "startsWith"])
        expectLimit(await filtered({ field: "name", op, value: text }), "text", 200);
    }
  });

  it("sortKeys: 8 keys are answered, 9 are refused", async () => {
    const eight = "name,code,city,quality,employees,creditLimit,nextFollowUp,-createdAt";
    const ok = await get(`sort=${eight}&limit=1`);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.items.map((r: any) => r.name)).toEqual([name(1)]);
    expectLimit(await get(`sort=${eight},updatedAt`), "sortKeys", 8);
  });
});

describe("malformed filters", () => {
  it("refuses text that is not JSON", async () => {
    for (const text of ["{bad", '{"field":', "'x'", "undefined", "{'field':'name'}", "{}}"])
      expectBad(await filtered(text), "/");
  });

  it("refuses nodes that are not objects, naming where", async () => {
    for (const tree of [null, [], "name", 1, true]) expectBad(await filtered(tree), "/");
    expectBad(await filtered({ and: [1] }), "/and/0");
    expectBad(await filtered({ or: [eq("x"), null] }), "/or/1");
    expectBad(await filtered({ not: [eq("x")] }), "/not");
    expectBad(await filtered({ and: eq("x") }), "/and");
    expectBad(await filtered({ or: "x" }), "/or");
  });

  it("refuses unknown keys in a condition or beside and/or/not", async () => {
    expectBad(await filtered({ ...eq("x"), extra: 1 }), "/extra");
    expectBad(await filtered({ and: [{ ...eq("x"), Op: "eq" }] }), "/and/0/Op");
    expectBad(await filtered({ and: [], or: [] }), "/and");
    expectBad(await filtered({ not: eq("x"), field: "name" }), "/not");
    expectBad(await filtered({}), "/field");
  });

  it("refuses unknown fields, naming them", async () => {
    expectUnknown(await filtered(eq("x", "nope")), "/field", "nope");
    expectUnknown(await filtered({ or: [eq("x"), eq("x", "Name")] }), "/or/1/field", "Name");
    expectBad(await filtered({ field: 1, op: "eq", value: "x" }), "/field");
    expectUnknown(await get("sort=nope"), "", "nope", "bad_sort");
    expectUnknown(await get("sort=name,-nope"), "", "nope", "bad_sort");
    expectUnknown(await get("sort=name,"), "", "", "bad_sort");
  });

  it("refuses unknown operators and operators the field's type does not offer", async () => {
    for (const op of ["like", "EQ", "regex", "", null, 1, ["eq"], "constructor"])
      expectBad(await filtered({ field: "name", op, value: "x" }), "/op", "name");
    const notOffered: [string, string, unknown][] = [
      ["isKeyAccount", "contains", "t"],
      ["quality", "between", ["A", "B"]],
      ["quality", "lt", "B"],
      ["tags", "eq", "vip"],
      ["name", "lt", "b"],
      ["remark", "eq", "x"],
      ["employees", "contains", "1"],
      ["x_meta", "eq", 1],
    ];
    for (const [field, op, value] of notOffered)
      expectBad(await filtered({ field, op, value }), "/op", field);
    expectBad(
      await filtered({ field: "customer", op: "startsWith", value: "0" }, "activity"),
      "/op",
    );
  });

  it("refuses values that do not fit the field's type", async () => {
    const wrong: [string, string, unknown, string][] = [
      ["employees", "eq", "abc", "/value"],
      ["employees", "eq", "10", "/value"],
      ["employees", "eq", 1.5, "/value"],
      ["employees", "in", [1, "x"], "/value/1"],
      ["creditLimit", "eq", 1, "/value"],
      ["creditLimit", "eq", "1.234", "/value"],
      ["creditLimit", "gt", "abc", "/value"],
      ["quality", "eq", "Z", "/value"],
      ["tags", "in", ["vip", "gold"], "/value/1"],
      ["isKeyAccount", "eq", "true", "/value"],
      ["nextFollowUp", "eq", "2026-13-01", "/value"],
      ["nextFollowUp", "eq", "2026-02-30", "/value"],
      ["lastContactAt", "eq", "2026-03-01T10:00:00", "/value"],
      ["lastContactAt", "in", ["2026-03-01"], "/value/0"],
      ["lastContactAt", "between", ["2026-03-01", "2026-03-02T00:00:00Z"], "/value/0"],
      ["owner", "eq", "not-a-uuid", "/value"],
      ["id", "eq", "0192F8E4-0000-7000-8000-000000000000", "/value"],
      ["employees", "between", [1], "/value"],
      ["employees", "between", [1, 2, 3], "/value"],
      ["employees", "between", "1,2", "/value"],
      ["employees", "between", [1, "x"], "/value/1"],
      ["name", "isNull", "yes", "/value"],
      ["name", "isNull", 1, "/value"],
      ["name", "in", "x", "/value"],
      ["name", "eq", null, "/value"],
      ["name", "eq", undefined, "/value"],
      ["name", "eq", { $ne: null }, "/value"],
      ["name", "eq", ["x"], "/value"],
      ["name", "contains", 5, "/value"],
    ];
    for (const [field, op, value, path] of wrong)
      expectBad(await filtered({ field, op, value }), path);
    expectBad(await filtered({ field: "customer", op: "eq", value: "123" }, "activity"), "/value");
  });

  it("refuses sorting by multiEnum and json fields", async () => {
    expectBad(await get("sort=tags"), "", "tags", "bad_sort");
    expectBad(await get("sort=-x_meta"), "", "x_meta", "bad_sort");
  });
});

describe("hidden fields are unknown to filter, sort and q", () => {
  it("answers fax until it is hidden, then refuses it as unknown", async () => {
    const fax = { field: "fax", op: "eq", value: "0571-1234 5678" };
    expect((await filtered(fax)).body.total).toBe(count);
    expect((await get("sort=fax")).status).toBe(200);
    const hide = await admin.patch("/api/admin/entities/customer/fields/fax", { hidden: true });
    expect(hide.status, hide.text).toBe(200);
    expectUnknown(await filtered(fax), "/field", "fax");
    expectUnknown(await filtered({ and: [eq(name(1)), { not: fax }] }), "/and/1/not/field", "fax");
    expectUnknown(await get("sort=-fax"), "", "fax", "bad_sort");
  });

  it("stops searching a search field once it is hidden", async () => {
    const created = await admin.post("/api/data/customer", { name: "zz", shortName: "別名" });
    expect(created.status, created.text).toBe(201);
    expect((await get(`q=${encodeURIComponent("別名")}`)).body.total).toBe(1);
    const hide = await admin.patch("/api/admin/entities/customer/fields/shortName", {
      hidden: true,
    });
    expect(hide.status, hide.text).toBe(200);
    expect((await get(`q=${encodeURIComponent("別名")}`)).body).toEqual({
      items: [],
      total: 0,
      totalKind: "exact",
      next: null,
    });
    expect((await get("q=zz")).body.total).toBe(1);
  });
});
