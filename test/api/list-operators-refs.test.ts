import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

/**
 * References (and the id) compare by target id, `_display` carries the
 * targets' titles in list answers; decimals of several scales and money
 * compare as numbers; booleans with a default.
 */
let admin: TestClient;
const ids: Record<string, string> = {};
const missing = "00000000-0000-4000-8000-000000000001";

async function create(entity: string, key: string, body: Record<string, unknown>) {
  const res = await admin.post(`/api/data/${entity}`, body);
  expect(res.status, res.text).toBe(201);
  ids[key] = res.body.id;
}

async function matching(entity: string, field: string, op: string, value: unknown) {
  const filter = encodeURIComponent(JSON.stringify({ field, op, value }));
  const res = await admin.get(`/api/data/${entity}?limit=200&filter=${filter}`);
  expect(res.status, res.text).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  const title = entity === "activity" ? "subject" : "name";
  return res.body.items.map((r: Record<string, string>) => r[title]).sort();
}

beforeAll(async () => {
  ({ admin } = await testCompany(await testEngine(), "refs"));
  await create("customer", "c1", { name: "杭州甲公司" });
  await create("customer", "c2", { name: "上海乙公司" });
  await create("customer", "c3", { name: "北京丙公司" });
  await create("contact", "p1", { customer: ids.c1, name: "张三" });
  await create("contact", "p2", { customer: ids.c2, name: "李四" });
  const startAt = "2026-12-01T01:00:00Z";
  await create("activity", "a1", {
    subject: "a1",
    customer: ids.c1,
    contact: ids.p1,
    kind: "call",
    status: "done",
    startAt,
  });
  await create("activity", "a2", { subject: "a2", customer: ids.c1, kind: "visit", startAt });
  await create("activity", "a3", {
    subject: "a3",
    customer: ids.c2,
    contact: ids.p2,
    kind: "email",
    status: "cancelled",
    startAt,
  });
  await create("activity", "a4", { subject: "a4", customer: ids.c3, kind: "meeting", startAt });
  await create("product", "pr1", {
    code: "P-1",
    name: "笔记本电脑",
    costPrice: "4999.5",
    weight: "1.25",
    salePrice: "5999",
  });
  await create("product", "pr2", {
    code: "P-2",
    name: "鼠标",
    costPrice: "12.3456",
    weight: "0.1",
    salePrice: "59.90",
    isActive: false,
  });
  await create("product", "pr3", { code: "P-3", name: "服务" });
  await create("product", "pr4", {
    code: "P-4",
    name: "网线",
    costPrice: "0",
    weight: "0.125",
    salePrice: "0",
    isActive: false,
  });
});

describe("reference fields compare by the target's id", () => {
  it("customer (required) and contact (optional) of activities", async () => {
    const { c1, c2, p1, p2 } = ids as Record<string, string>;
    const a = (field: string, op: string, value: unknown) => matching("activity", field, op, value);
    expect(await a("customer", "eq", c1)).toEqual(["a1", "a2"]);
    expect(await a("customer", "ne", c1)).toEqual(["a3", "a4"]);
    expect(await a("customer", "in", [c1, c2])).toEqual(["a1", "a2", "a3"]);
    expect(await a("customer", "nin", [c1])).toEqual(["a3", "a4"]);
    expect(await a("customer", "eq", missing)).toEqual([]);
    expect(await a("customer", "isNull", false)).toEqual(["a1", "a2", "a3", "a4"]);
    expect(await a("contact", "eq", p1)).toEqual(["a1"]);
    expect(await a("contact", "ne", p1)).toEqual(["a2", "a3", "a4"]);
    expect(await a("contact", "in", [p1, p2])).toEqual(["a1", "a3"]);
    expect(await a("contact", "nin", [p2])).toEqual(["a1", "a2", "a4"]);
    expect(await a("contact", "isNull", true)).toEqual(["a2", "a4"]);
    expect(await matching("contact", "customer", "eq", c1)).toEqual(["张三"]);
  });

  it("the id, like a reference", async () => {
    const { a1, a2, a3 } = ids as Record<string, string>;
    expect(await matching("activity", "id", "eq", a1)).toEqual(["a1"]);
    expect(await matching("activity", "id", "ne", a1)).toEqual(["a2", "a3", "a4"]);
    expect(await matching("activity", "id", "in", [a1, a3, missing])).toEqual(["a1", "a3"]);
    expect(await matching("activity", "id", "nin", [a1, a2])).toEqual(["a3", "a4"]);
    expect(await matching("activity", "id", "isNull", true)).toEqual([]);
  });

  it("enums of activities, defaults included", async () => {
    expect(await matching("activity", "kind", "eq", "call")).toEqual(["a1"]);
    expect(await matching("activity", "status", "ne", "done")).toEqual(["a2", "a3", "a4"]);
    expect(await matching("activity", "status", "eq", "planned")).toEqual(["a2", "a4"]);
    expect(await matching("activity", "kind", "in", ["visit", "meeting"])).toEqual(["a2", "a4"]);
  });
});

describe("_display in list answers", () => {
  it("holds the title of every referenced record, and no key for an empty reference", async () => {
    const res = await admin.get("/api/data/activity?sort=subject");
    expect(res.status).toBe(200);
    const [a1, a2, a3, a4] = res.body.items;
    expect(a1).toMatchObject({ subject: "a1", customer: ids.c1, contact: ids.p1 });
    expect(a1._display).toEqual({
      customer: "杭州甲公司",
      contact: "张三",
      owner: "admin",
      createdBy: "admin",
      updatedBy: "admin",
    });
    expect(a2.contact).toBeNull();
    expect(a2._display).toEqual({
      customer: "杭州甲公司",
      owner: "admin",
      createdBy: "admin",
      updatedBy: "admin",
    });
    expect(a3._display).toMatchObject({ customer: "上海乙公司", contact: "李四" });
    expect(a4._display.customer).toBe("北京丙公司");
  });

  it("follows a renamed target on the next list", async () => {
    const renamed = await admin.patch(
      `/api/data/customer/${ids.c3}`,
      { name: "北京丙集团" },
      { "if-match": '"1"' },
    );
    expect(renamed.status, renamed.text).toBe(200);
    const filter = encodeURIComponent(
      JSON.stringify({ field: "customer", op: "eq", value: ids.c3 }),
    );
    const res = await admin.get(`/api/data/activity?filter=${filter}`);
    expect(res.body.items.map((r: any) => r._display.customer)).toEqual(["北京丙集团"]);
  });
});

describe("decimals of several scales and money compare as numbers", () => {
  const p = (field: string, op: string, value: unknown) => matching("product", field, op, value);

  it("costPrice: numeric(18,4)", async () => {
    expect(await p("costPrice", "eq", "4999.5")).toEqual(["笔记本电脑"]);
    expect(await p("costPrice", "eq", "12.3456")).toEqual(["鼠标"]);
    expect(await p("costPrice", "lt", "12.3456")).toEqual(["网线"]);
    expect(await p("costPrice", "lte", "12.3456")).toEqual(["网线", "鼠标"]);
    expect(await p("costPrice", "gt", "12.3456")).toEqual(["笔记本电脑"]);
    expect(await p("costPrice", "gte", "12.3456")).toEqual(["笔记本电脑", "鼠标"]);
    expect(await p("costPrice", "between", ["0", "12.3456"])).toEqual(["网线", "鼠标"]);
    expect(await p("costPrice", "ne", "0")).toEqual(["服务", "笔记本电脑", "鼠标"]);
    expect(await p("costPrice", "in", ["12.3456", "4999.5"])).toEqual(["笔记本电脑", "鼠标"]);
    expect(await p("costPrice", "nin", ["0", "4999.5"])).toEqual(["服务", "鼠标"]);
    expect(await p("costPrice", "isNull", true)).toEqual(["服务"]);
  });

  it("weight: numeric(12,3), between inclusive at both ends", async () => {
    expect(await p("weight", "between", ["0.1", "1.25"])).toEqual(["笔记本电脑", "网线", "鼠标"]);
    expect(await p("weight", "between", ["0.1", "0.125"])).toEqual(["网线", "鼠标"]);
    expect(await p("weight", "between", ["0.101", "0.124"])).toEqual([]);
    expect(await p("weight", "gte", "0.125")).toEqual(["笔记本电脑", "网线"]);
    expect(await p("weight", "eq", "0.100")).toEqual(["鼠标"]);
  });

  it("salePrice: money with the currency's two decimals", async () => {
    expect(await p("salePrice", "eq", "59.9")).toEqual(["鼠标"]);
    expect(await p("salePrice", "gt", "59.9")).toEqual(["笔记本电脑"]);
    expect(await p("salePrice", "between", ["0", "59.90"])).toEqual(["网线", "鼠标"]);
    expect(await p("salePrice", "ne", "5999.00")).toEqual(["服务", "网线", "鼠标"]);
  });

  it("isActive: a boolean with default true", async () => {
    expect(await p("isActive", "eq", true)).toEqual(["服务", "笔记本电脑"]);
    expect(await p("isActive", "eq", false)).toEqual(["网线", "鼠标"]);
    expect(await p("isActive", "ne", false)).toEqual(["服务", "笔记本电脑"]);
    expect(await p("isActive", "in", [true, false])).toHaveLength(4);
  });
});
