import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/test-client.ts";
import { sameSession, testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * Every message a user can read comes in their language: the one their client
 * asks for (the UI sends its own), else their company's.
 */
describe("messages in the user's language", () => {
  let engine: TestEngine;
  let zh: TestClient;
  let en: TestClient;
  let unasked: TestClient;
  let englishCompany: TestClient;

  beforeAll(async () => {
    engine = await testEngine();
    const company = await testCompany(engine, "lang");
    en = company.admin;
    zh = sameSession(engine, en);
    zh.language = "zh-CN,zh;q=0.9";
    unasked = sameSession(engine, en);
    unasked.language = undefined;
    englishCompany = (await testCompany(engine, "lang_en", { language: "en" })).admin;
    englishCompany.language = undefined;
  });

  const negativePrice = { code: "P-1", name: "负价", salePrice: "-1" };

  it("says what is wrong with a field in the language asked for", async () => {
    const chinese = await zh.post("/api/data/product", negativePrice);
    expect(chinese.status).toBe(400);
    expect(chinese.body.error.details.fields).toEqual([
      { field: "salePrice", rule: "range", message: "不能小于 0" },
    ]);
    expect(chinese.body.error.message).toBe("记录有误：salePrice：不能小于 0");
    const english = await en.post("/api/data/product", negativePrice);
    expect(english.body.error.details.fields[0].message).toBe("must be at least 0");
    expect(english.body.error.message).toBe("invalid record: salePrice: must be at least 0");
  });

  it("says what is wrong with an admin route's body, checked from its route's schema", async () => {
    const body = { name: 5, colour: "red" };
    const chinese = await zh.post("/api/admin/departments", body);
    expect(chinese.status, chinese.text).toBe(400);
    expect(chinese.body.error.details.fields).toEqual([
      { field: "colour", rule: "unknown", message: "未知字段“colour”" },
      { field: "name", rule: "type", message: "应当是 string 类型" },
    ]);
    const english = await en.post("/api/admin/departments", body);
    expect(english.body.error.details.fields).toEqual([
      { field: "colour", rule: "unknown", message: 'unknown field "colour"' },
      { field: "name", rule: "type", message: "must be string" },
    ]);
    expect(english.body.error.message).toBe(
      'invalid request: colour: unknown field "colour"; name: must be string',
    );
    expect(chinese.body.error.message).toContain("未知字段“colour”");
  });

  it("speaks the company's language to a client that asks for none", async () => {
    const fromZhCompany = await unasked.post("/api/data/product", negativePrice);
    expect(fromZhCompany.body.error.details.fields[0].message).toBe("不能小于 0");
    const fromEnCompany = await englishCompany.post("/api/data/product", negativePrice);
    expect(fromEnCompany.body.error.details.fields[0].message).toBe("must be at least 0");
  });

  it("explains a wrong list filter in Chinese", async () => {
    const filter = encodeURIComponent(JSON.stringify({ field: "nmae", op: "eq", value: "x" }));
    const res = await zh.get(`/api/data/customer?filter=${filter}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("筛选条件/field：未知字段“nmae”");
    const limit = await zh.get("/api/data/customer?limit=1000");
    expect(limit.body.error.message).toBe("limit 为 1000；上限为 limit ≤ 200");
  });

  it("asks a stranger to log in, in their language", async () => {
    const stranger = new TestClient(engine.app);
    stranger.language = "zh-CN";
    expect((await stranger.get("/api/meta")).body.error.message).toBe("请先登录");
    stranger.language = "en";
    expect((await stranger.get("/api/meta")).body.error.message).toBe("log in first");
  });
});
