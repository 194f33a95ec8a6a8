import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient, TestResponse } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

/**
 * Hostile input through every part of a list request. Each answer must be a
 * 200 with the right (usually empty) result or a 400; none may reveal SQL or
 * the database; and the company's data must be unchanged afterwards.
 */
let admin: TestClient;
let snapshot: string[];
const bobby = "Robert'); DROP TABLE customer;--";
const names = ["Acme Trading", "杭州西湖科技", bobby];

/** Words of database errors, unless the request itself contains them (400s echo what they refuse). */
const leaks = ["select", "syntax error", "relation", "column", "postgres", "pglite", "co_"];
const leaks2 = ["sqlstate", "42601", "42p01", "pg_catalog", "sys_user", "password", "stack"];

function expectSafe(res: TestResponse, input: string) {
  expect([200, 400], `${input}: ${res.text}`).toContain(res.status);
  expect(res.body, res.text).toBeTypeOf("object");
  if (res.status === 400) {
    expect(Object.keys(res.body)).toEqual(["error"]);
    expect(["bad_filter", "bad_sort", "bad_request", "limit_exceeded", "invalid"]).toContain(
      res.body.error.code,
    );
  }
  const text = res.text.toLowerCase();
  for (const word of [...leaks, ...leaks2])
    if (!input.toLowerCase().includes(word))
      expect(text, `${input}: ${res.text}`).not.toContain(word);
}

const get = (query: string) => admin.get(`/api/data/customer?limit=200&${query}`);
const filter = (tree: unknown) =>
  get(`filter=${encodeURIComponent(typeof tree === "string" ? tree : JSON.stringify(tree))}`);
const found = (res: TestResponse) => res.body.items.map((r: { name: string }) => r.name).sort();

async function state(): Promise<string[]> {
  const customers = await admin.get("/api/data/customer?limit=200&sort=name");
  const contacts = await admin.get("/api/data/contact?limit=200&sort=name");
  const me = await admin.get("/api/auth/me");
  return [customers.text, contacts.text, String(me.status)];
}

const values = [
  "' or 1=1 --",
  "' OR '1'='1",
  "'; drop table customer; --",
  '"); drop table customer; --',
  "\\",
  "\\'",
  "\\\\' or 1=1 --",
  "%' or '1'='1",
  "' union select password_hash from sys_user --",
  "$1",
  "$$; drop table customer; $$",
  "E'\\x27'",
  "*/ or /*",
  "1; select pg_sleep(1)",
];

beforeAll(async () => {
  ({ admin } = await testCompany(await testEngine(), "inject"));
  for (const name of names) {
    const res = await admin.post("/api/data/customer", { name, employees: 10 });
    expect(res.status, res.text).toBe(201);
    const contact = await admin.post("/api/data/contact", { customer: res.body.id, name });
    expect(contact.status, contact.text).toBe(201);
  }
  snapshot = await state();
});

describe("values are bound, never spliced into SQL", () => {
  it("finds a stored name that is itself an injection, literally", async () => {
    expect(found(await filter({ field: "name", op: "eq", value: bobby }))).toEqual([bobby]);
    expect(found(await filter({ field: "name", op: "contains", value: "drop table" }))).toEqual([
      bobby,
    ]);
    expect(found(await get(`q=${encodeURIComponent("'); drop")}`))).toEqual([bobby]);
  });

  it.each(values)("%s", async (value) => {
    const cases: [string, unknown, string[]][] = [
      ["eq", value, []],
      ["ne", value, names],
      ["in", [value, "x"], []],
      ["nin", [value], names],
      ["contains", value, []],
      ["startsWith", value, []],
    ];
    for (const [op, v, expected] of cases) {
      const res = await filter({ field: "name", op, value: v });
      expectSafe(res, value);
      expect(res.status, `${op} ${res.text}`).toBe(200);
      expect(found(res), op).toEqual([...expected].sort());
    }
    const q = await get(`q=${encodeURIComponent(value)}`);
    expectSafe(q, value);
    expect(q.body).toEqual({ items: [], total: 0, totalKind: "exact", next: null });
    const typed = await filter({ field: "employees", op: "eq", value });
    expectSafe(typed, value);
    expect(typed.status).toBe(400);
  });
});

describe("field names, sort keys and JSON keys are looked up in metadata, never quoted into SQL", () => {
  const fields = [
    "name; drop table x",
    'name" or "1',
    'name\\" or \\"1',
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "r.name",
    '"name"',
    "name--",
    "1=1",
    "id) or (1=1",
    "name desc",
    "(select 1)",
    "co_x.customer.name",
    "*",
    "name\u0000",
  ];

  it.each(fields)("field %j", async (field) => {
    const res = await filter({ field, op: "eq", value: "x" });
    expectSafe(res, field);
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
  });

  const sorts = [
    "name;delete",
    "-(select 1)",
    "name desc",
    "name asc nulls first",
    "1",
    "r.name",
    '"name"',
    "name--",
    "__proto__",
    "-constructor",
    "name,(select 1)",
    "name);drop table customer;--",
    "createdAt desc, id",
  ];

  it.each(sorts)("sort %j", async (sort) => {
    const res = await get(`sort=${encodeURIComponent(sort)}`);
    expectSafe(res, sort);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_sort");
  });

  const trees = [
    '{"field":"name","op":"eq","value":"x","or 1=1":1}',
    '{"$where":"1==1"}',
    '{"field":"name","op":"eq","value":"x","$where":"sleep(1)"}',
    '{"__proto__":{"field":"name","op":"eq","value":"x"}}',
    '{"field":"name","op":"eq","value":"x","__proto__":{"op":"ne"}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"and":[{"field":"name","op":"eq","value":"x"}],"__proto__":[]}',
    '{"field":"name","op":"= \'\' or 1=1 --","value":"x"}',
    '{"field":"name","op":"eq","value":{"$ne":null}}',
    '{"field":"name","op":"eq","value":"x","field":"name; drop table x"}',
    '{"field":{"toString":"name"},"op":"eq","value":"x"}',
    '{"field":"name","op":"in","value":{"length":1,"0":"x"}}',
    '{"and":[{"field":"name","op":"eq","value":"x"}],"or 1=1":[]}',
  ];

  it.each(trees)("filter %s", async (tree) => {
    const res = await filter(tree);
    expectSafe(res, tree);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_filter");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).op).toBeUndefined();
  });

  it("refuses paging parameters that are not plain numbers", async () => {
    for (const query of [
      "limit=1;drop",
      "offset=1 or 1=1",
      "limit=1e2",
      "limit=0x10",
      "offset=-0",
    ]) {
      const res = await admin.get(`/api/data/customer?${query.replace(/ /g, "%20")}`);
      expectSafe(res, query);
      expect(res.status, query).toBe(400);
    }
  });

  it("knows only entities of metadata in the path", async () => {
    for (const entity of [
      "customer; drop table x",
      "__proto__",
      "constructor",
      "sys_user",
      "user",
    ]) {
      const res = await admin.get(`/api/data/${encodeURIComponent(entity)}`);
      expect(res.status, entity).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });
});

describe("NUL characters", () => {
  // PostgreSQL refuses U+0000 in text parameters: it must be refused before SQL.
  it("answers a NUL in a filter value or q with a 400 (or an empty 200)", async () => {
    const nul = "a\u0000b";
    for (const op of ["eq", "contains"])
      expectSafe(await filter({ field: "name", op, value: nul }), nul);
    expectSafe(await get(`q=${encodeURIComponent(nul)}`), nul);
  });

  it("names the parameter that holds it in a sort key", async () => {
    const sort = await get(`sort=${encodeURIComponent("name\u0000")}`);
    expectSafe(sort, "name\u0000");
    expect(sort.body.error.details.fields[0]).toMatchObject({ field: "sort", rule: "nul" });
  });
});

describe("afterwards", () => {
  it("has left every table as it was: the same customers, contacts and users", async () => {
    expect(await state()).toEqual(snapshot);
    expect(JSON.parse(snapshot[0]!).total).toBe(names.length);
  });
});
