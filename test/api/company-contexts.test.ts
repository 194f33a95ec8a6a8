import { beforeAll, describe, expect, it } from "vitest";
import { testCompany, testEngine, type TestCompany } from "../support/test-engine.ts";

/**
 * A process keeps at most COMPANY_CONTEXTS companies' metadata in memory;
 * here one, so every request of one company drops the other's. A dropped
 * company is loaded again by its next request and answers as if it had
 * never left: its own records, its own metadata changes, its validation.
 */
describe("company contexts beyond the process's bound", () => {
  let a: TestCompany;
  let b: TestCompany;

  beforeAll(async () => {
    const engine = await testEngine({ companyContexts: 1 });
    a = await testCompany(engine, "ctxa");
    b = await testCompany(engine, "ctxb");
  });

  const names = async (company: TestCompany) => {
    const list = await company.admin.get("/api/data/customer");
    expect(list.status, list.text).toBe(200);
    return (list.body.items as { name: string }[]).map((i) => i.name).sort();
  };

  it("answers each company its own records, in turn", async () => {
    for (const [company, name] of [
      [a, "甲公司一"],
      [b, "乙公司一"],
      [a, "甲公司二"],
      [b, "乙公司二"],
    ] as const) {
      const created = await company.admin.post("/api/data/customer", { name });
      expect(created.status, created.text).toBe(201);
    }
    expect(await names(a)).toEqual(["甲公司一", "甲公司二"].sort());
    expect(await names(b)).toEqual(["乙公司一", "乙公司二"].sort());
  });

  it("keeps a company's metadata change and its validation after the company was dropped", async () => {
    const added = await a.admin.post("/api/admin/entities/customer/fields", {
      key: "x_wechat",
      type: "text",
      maxLength: 5,
      labels: { "zh-CN": "微信", en: "WeChat" },
    });
    expect(added.status, added.text).toBe(201);
    // b's requests drop a's context; a's next request loads it again, with the new field.
    expect(await names(b)).toHaveLength(2);
    const tooLong = await a.admin.post("/api/data/customer", {
      name: "甲公司三",
      x_wechat: "abcdef",
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual([
      "x_wechat",
    ]);
    const saved = await a.admin.post("/api/data/customer", { name: "甲公司三", x_wechat: "abc" });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body.x_wechat).toBe("abc");
    // b never had the field: its own metadata, loaded again after a's requests.
    const other = await b.admin.post("/api/data/customer", { name: "乙公司三", x_wechat: "abc" });
    expect(other.status).toBe(400);
    expect(await names(a)).toEqual(["甲公司一", "甲公司三", "甲公司二"].sort());
  });
});
