import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

let admin: TestClient;

beforeAll(async () => {
  ({ admin } = await testCompany(await testEngine(), "tc"));
});

const field = (key: string, body: Record<string, unknown>, entity = "customer") =>
  admin.post(`/api/admin/entities/${entity}/fields`, { key, ...body });
const change = (key: string, body: Record<string, unknown>, entity = "customer") =>
  admin.patch(`/api/admin/entities/${entity}/fields/${key}`, body);
const head = async () => (await admin.get("/api/admin/metadata")).body.head as number;

/** Creates customers with these values of `key`, returning their ids in order. */
async function customers(key: string, values: unknown[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, value] of values.entries()) {
    const res = await admin.post("/api/data/customer", { name: `${key} ${i}`, [key]: value });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}
/** Changes a customer as a user would, naming the version read. */
async function edit(id: string, values: Record<string, unknown>) {
  const { version } = (await admin.get(`/api/data/customer/${id}`)).body;
  const res = await admin.patch(`/api/data/customer/${id}`, values, { "if-match": `"${version}"` });
  expect(res.status).toBe(200);
}
const valueOf = async (id: string, key: string) =>
  (await admin.get(`/api/data/customer/${id}`)).body[key];

describe("changing the type of a company's field converts its values", () => {
  it("text → integer: refused with the count and examples while values do not convert, then converted", async () => {
    expect((await field("x_qty", { type: "text" })).status).toBe(201);
    const ids = await customers("x_qty", ["12", " 7 ", "abc", "", "3.5", "-4", null, "12.00"]);
    const before = await head();

    const refused = await change("x_qty", { type: "integer" });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "values_not_converting",
      details: {
        field: "x_qty",
        from: "text",
        to: "integer",
        count: 2,
        examples: expect.arrayContaining([
          { id: ids[2], value: "abc" },
          { id: ids[4], value: "3.5" },
        ]),
      },
    });
    expect(refused.body.error.details.examples).toHaveLength(2);
    expect(refused.body.error.message).toMatch(/2 records hold a value that would not convert/);
    expect(await head()).toBe(before);
    expect(await valueOf(ids[0]!, "x_qty")).toBe("12");

    for (const id of [ids[2]!, ids[4]!]) await edit(id, { x_qty: "1" });
    const done = await change("x_qty", { type: "integer", maximum: 100 });
    expect(done.status).toBe(200);
    expect(done.body.field).toEqual({ type: "integer", maximum: 100 });
    expect(await head()).toBe(before + 1);
    expect(await Promise.all(ids.map((id) => valueOf(id, "x_qty")))).toEqual([
      12,
      7,
      1,
      null,
      1,
      -4,
      null,
      12,
    ]);
    const filter = encodeURIComponent(JSON.stringify({ field: "x_qty", op: "gt", value: 5 }));
    const list = await admin.get(`/api/data/customer?filter=${filter}&sort=x_qty`);
    expect(list.body.items.map((r: { x_qty: number }) => r.x_qty)).toEqual([7, 12, 12]);
    expect((await admin.post("/api/data/customer", { name: "n", x_qty: "9" })).status).toBe(400);
    expect((await admin.post("/api/data/customer", { name: "n", x_qty: 9 })).status).toBe(201);
  });

  it("rolling back before a type change converts the values back, and forward again", async () => {
    expect((await field("x_code", { type: "text", unique: true })).status).toBe(201);
    const textVersion = await head();
    const ids = await customers("x_code", ["101", "102"]);
    expect((await change("x_code", { type: "integer" })).status).toBe(200);
    const integerVersion = await head();
    // The unique index moved to the new column: uniqueness still holds.
    const twin = await admin.post("/api/data/customer", { name: "twin", x_code: 101 });
    expect(twin.status).toBe(409);
    expect(twin.body.error.code).toBe("duplicate");

    const back = await admin.post("/api/admin/metadata/rollback", { version: textVersion });
    expect(back.status).toBe(200);
    expect(await valueOf(ids[0]!, "x_code")).toBe("101");
    // " 102" would become 102, which another record holds: the unique field refuses.
    const [spaced] = await customers("x_code", [" 102"]);
    const collapsed = await change("x_code", { type: "integer" });
    expect(collapsed.status).toBe(409);
    expect(collapsed.body.error).toMatchObject({
      code: "existing_duplicates",
      details: { field: "x_code" },
    });
    await edit(spaced!, { x_code: null });

    expect((await admin.post("/api/data/customer", { name: "t", x_code: "A-1" })).status).toBe(201);

    // Forward again: "A-1" is no integer, so the rollback is refused with the count.
    const forward = await admin.post("/api/admin/metadata/rollback", { version: integerVersion });
    expect(forward.status).toBe(409);
    expect(forward.body.error.details).toMatchObject({ field: "x_code", count: 1 });
    expect(forward.body.error.details.examples[0].value).toBe("A-1");
    expect(await valueOf(ids[1]!, "x_code")).toBe("102");
  });

  it("a rollback that would not fit the old type is refused and changes nothing", async () => {
    expect((await field("x_memo", { type: "text", maxLength: 5 })).status).toBe(201);
    const short = await head();
    expect((await change("x_memo", { type: "longText", maxLength: 500 })).status).toBe(200);
    const [id] = await customers("x_memo", ["far longer than five"]);
    const at = await head();
    const back = await admin.post("/api/admin/metadata/rollback", { version: short });
    expect(back.status).toBe(409);
    expect(back.body.error.details).toMatchObject({ field: "x_memo", from: "longText", count: 1 });
    expect(await head()).toBe(at);
    expect(await valueOf(id!, "x_memo")).toBe("far longer than five");
  });

  it("decimal → integer only when every value is whole", async () => {
    expect((await field("x_rate", { type: "decimal", precision: 10, scale: 2 })).status).toBe(201);
    const ids = await customers("x_rate", ["3.00", "2.50", "-8"]);
    const refused = await change("x_rate", { type: "integer" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({
      count: 1,
      examples: [{ id: ids[1], value: "2.50" }],
    });
    await edit(ids[1]!, { x_rate: "2" });
    expect((await change("x_rate", { type: "integer" })).status).toBe(200);
    expect(await valueOf(ids[0]!, "x_rate")).toBe(3);
    // A narrower decimal converts only when every value fits it.
    await edit(ids[2]!, { x_rate: -80 });
    const narrow = await change("x_rate", { type: "decimal", precision: 2, scale: 1 });
    expect(narrow.status).toBe(409);
    expect(narrow.body.error.details).toMatchObject({ count: 1, examples: [{ value: "-80" }] });
    const wide = await change("x_rate", { type: "decimal", precision: 12, scale: 3 });
    expect(wide.status).toBe(200);
    expect(await valueOf(ids[2]!, "x_rate")).toBe("-80.000");
  });

  it("enum → multiEnum makes each option a set of one; text → enum needs every value an option", async () => {
    const options = ["a", "b", "c"];
    expect((await field("x_kind", { type: "enum", options })).status).toBe(201);
    const ids = await customers("x_kind", ["a", "c", null]);
    expect((await change("x_kind", { type: "multiEnum" })).status).toBe(200);
    expect(await valueOf(ids[0]!, "x_kind")).toEqual(["a"]);
    expect(await valueOf(ids[2]!, "x_kind")).toBeNull();

    expect((await field("x_level", { type: "text" })).status).toBe(201);
    const levels = await customers("x_level", ["a", "  ", "z", "b"]);
    const refused = await change("x_level", { type: "enum", options });
    expect(refused.body.error.details).toMatchObject({
      count: 1,
      examples: [{ id: levels[2], value: "z" }],
    });
    await edit(levels[2]!, { x_level: "c" });
    const done = await change("x_level", { type: "enum", options });
    expect(done.status).toBe(200);
    expect(done.body.field).toEqual({ type: "enum", options });
    expect(await valueOf(levels[1]!, "x_level")).toBeNull();
  });

  it("text → email and text → date check each value as the API would", async () => {
    expect((await field("x_mail", { type: "text" })).status).toBe(201);
    await customers("x_mail", ["li@example.com", "not an address", "wang@example.cn"]);
    const mail = await change("x_mail", { type: "email" });
    expect(mail.body.error.details).toMatchObject({ count: 1, to: "email" });

    expect((await field("x_day", { type: "text" })).status).toBe(201);
    const days = await customers("x_day", [
      "2024-02-29",
      "2023-02-29",
      "2024-13-01",
      " 2024-05-01",
    ]);
    const day = await change("x_day", { type: "date" });
    expect(day.body.error.details.count).toBe(2);
    for (const id of [days[1]!, days[2]!]) await edit(id, { x_day: "" });
    expect((await change("x_day", { type: "date" })).status).toBe(200);
    expect(await valueOf(days[3]!, "x_day")).toBe("2024-05-01");
    expect(await valueOf(days[1]!, "x_day")).toBeNull();
    // And back to text, written as the API writes a date.
    expect((await change("x_day", { type: "text" })).status).toBe(200);
    expect(await valueOf(days[0]!, "x_day")).toBe("2024-02-29");
  });

  it("pairs without a conversion and base fields are refused with a clear message", async () => {
    expect((await field("x_when", { type: "date" })).status).toBe(201);
    const at = await head();
    const pair = await change("x_when", { type: "integer" });
    expect(pair.status).toBe(400);
    expect(pair.body.error.message).toMatch(
      /field "x_when" cannot change from date to integer: a integer field converts from text, longText, decimal, money/,
    );
    const base = await change("name", { type: "longText" });
    expect(base.status).toBe(400);
    expect(base.body.error.message).toMatch(/"type" of base field "name" cannot be changed/);
    expect(await head()).toBe(at);
  });
});
