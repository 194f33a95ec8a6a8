import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * A customer's region: stored as its GB/T 2260 code, answered with its names
 * in `_display`, filtered `within` a province or city, exported as names, and
 * the divisions themselves served for the picker.
 */
let engine: TestEngine;
let admin: TestClient;

beforeAll(async () => {
  engine = await testEngine();
  ({ admin } = await testCompany(engine));
});

const filtered = async (filter: object) => {
  const res = await admin.get(
    `/api/data/customer?limit=200&sort=name&filter=${encodeURIComponent(JSON.stringify(filter))}`,
  );
  expect(res.status, res.text).toBe(200);
  // Which customers, not their order: names sort by pinyin on PostgreSQL, not on PGlite.
  return (res.body.items as { name: string }[]).map((c) => c.name).sort();
};

describe("region fields", () => {
  const places = {
    区域西湖贸易: "330106",
    区域杭州商行: "330100",
    区域宁波海曙: "330203",
    区域南京鼓楼: "320106",
    区域北京朝阳: "110105",
  };
  beforeAll(async () => {
    for (const [name, region] of Object.entries(places)) {
      const res = await admin.post("/api/data/customer", { name, region });
      expect(res.status, res.text).toBe(201);
    }
  });

  it("stores the code and answers the names with it", async () => {
    const res = await admin.get(`/api/data/customer?q=${encodeURIComponent("区域西湖贸易")}`);
    const [record] = res.body.items;
    expect(record.region).toBe("330106");
    expect(record._display.region).toBe("浙江省 杭州市 西湖区");
    const beijing = (await admin.get(`/api/data/customer?q=${encodeURIComponent("区域北京朝阳")}`))
      .body.items[0];
    expect(beijing._display.region).toBe("北京市 朝阳区");
  });

  it("refuses what is not a division, saying what a region code is", async () => {
    for (const region of ["330199", "浙江省", "33", 330106]) {
      const res = await admin.post("/api/data/customer", { name: "区域错误", region });
      expect(res.status, res.text).toBe(400);
      const [problem] = res.body.error.details.fields;
      expect(problem.field).toBe("region");
      expect(problem.message).toMatch(/region code/);
    }
  });

  it("finds every customer within a province or a city, and exactly with eq", async () => {
    const within = (value: string) =>
      filtered({
        and: [
          { field: "name", op: "startsWith", value: "区域" },
          { field: "region", op: "within", value },
        ],
      });
    expect(await within("330000")).toEqual(["区域宁波海曙", "区域杭州商行", "区域西湖贸易"]);
    expect(await within("330100")).toEqual(["区域杭州商行", "区域西湖贸易"]);
    expect(await within("330106")).toEqual(["区域西湖贸易"]);
    expect(await within("110000")).toEqual(["区域北京朝阳"]);
    expect(await filtered({ field: "region", op: "eq", value: "330100" })).toEqual([
      "区域杭州商行",
    ]);
    const refused = await admin.get(
      `/api/data/customer?filter=${encodeURIComponent(
        JSON.stringify({ field: "region", op: "within", value: "339900" }),
      )}`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/region/);
  });

  it("exports the names, not the codes", async () => {
    const res = await admin.get(
      `/api/data/customer/export?format=csv&columns=name,region&q=${encodeURIComponent("区域西湖贸易")}`,
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain("浙江省 杭州市 西湖区");
    expect(res.text).not.toContain("330106");
  });

  it("serves the divisions for the picker to users with a session", async () => {
    const res = await admin.get("/api/regions");
    expect(res.status).toBe(200);
    const zhejiang = res.body.find((p: { code: string }) => p.code === "330000");
    expect(zhejiang.name).toBe("浙江省");
    expect(zhejiang.children.map((c: { name: string }) => c.name)).toContain("杭州市");
    expect((await new TestClient(engine.app).get("/api/regions")).status).toBe(401);
  });
});
