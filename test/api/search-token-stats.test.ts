import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { commonTermShare } from "../../engine/query/quick-search.ts";
import { TokenStats } from "../../engine/search-index/token-stats.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";
import { waitFor } from "../support/wait-for.ts";

/**
 * Quick search takes the token index for rare terms only: how common a
 * term is comes from the planner's statistics of the search tokens.
 */
describe("how common search tokens are", () => {
  let engine: TestEngine;
  let a: TestCompany;
  const schema = () => `co_${a.slug}`;

  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "tok");
    for (let i = 0; i < 40; i++) {
      const name = i < 20 ? `恒达贸易${i}号` : i === 20 ? "稀有名字公司" : `其他公司${i}`;
      const res = await a.admin.post("/api/data/customer", { name });
      expect(res.status, res.text).toBe(201);
    }
    await sql`analyze ${sql.id(schema(), "customer")}`.execute(engine.deps.database.db);
  });

  it("reads each entity's token shares from the planner's statistics", async () => {
    const stats = new TokenStats(engine.deps.database.db, schema());
    await stats.read();
    expect(stats.share("customer", ["恒达"])).toBeGreaterThan(0.4);
    expect(stats.share("customer", ["稀有"])).toBeLessThan(commonTermShare);
    expect(stats.share("customer", [])).toBeUndefined();
    expect(stats.share("product", ["恒达"])).toBeUndefined();
  });

  it("finds the same records whichever path a term takes", async () => {
    const company = await engine.deps.companies.get((await engine.deps.companies.find(a.slug))!);
    company.searchTokens.share("customer", ["恒达"]);
    await waitFor(async () =>
      (company.searchTokens.share("customer", ["恒达"]) ?? 0) >= commonTermShare ? true : undefined,
    );
    const common = await a.admin.get("/api/data/customer?q=恒达&limit=5");
    expect(common.status, common.text).toBe(200);
    expect(common.body.total).toBe(20);
    expect(common.body.items.map((c: { name: string }) => c.name)).toEqual(
      ["19", "18", "17", "16", "15"].map((n) => `恒达贸易${n}号`),
    );
    const rare = await a.admin.get("/api/data/customer?q=稀有");
    expect(rare.body.items.map((c: { name: string }) => c.name)).toEqual(["稀有名字公司"]);
  });
});
