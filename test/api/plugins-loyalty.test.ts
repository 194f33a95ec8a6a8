import { beforeAll, describe, expect, it } from "vitest";
import { testDbKind } from "../support/test-database.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/** The shipped `loyalty` plugin (plugins/loyalty), as a company that switched it on uses it. */
describe("the loyalty plugin", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let b: TestCompany;
  let customer: string;

  const entry = (company: TestCompany, body: Record<string, unknown>) =>
    company.admin.post("/api/data/x_loyalty_entry", { customer, ...body });
  const points = async (company: TestCompany, id = customer) =>
    (await company.admin.get(`/api/data/customer/${id}`)).body.x_loyalty_points;

  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "loya");
    b = await testCompany(engine, "loyb");
    const on = await a.admin.patch("/api/admin/modules/loyalty", { on: true });
    expect(on.status, on.text).toBe(200);
    customer = (await a.admin.post("/api/data/customer", { name: "积分客户" })).body.id;
  });

  it("is off until switched on: no menu, no entity, no points field", async () => {
    const meta = (await b.admin.get("/api/meta")).body;
    expect(meta.modules.map((m: { key: string }) => m.key)).not.toContain("loyalty");
    expect((await b.admin.get("/api/data/x_loyalty_entry")).status).toBe(404);
    const made = await b.admin.post("/api/data/customer", { name: "没有积分" });
    expect(made.body).not.toHaveProperty("x_loyalty_points");
    const metaA = (await a.admin.get("/api/meta")).body;
    expect(metaA.modules.map((m: { key: string }) => m.key)).toContain("loyalty");
  });

  it("keeps the balance on each entry and on the customer", async () => {
    const earned = await entry(a, { kind: "earn", points: 120, reason: "消费 1200 元" });
    expect(earned.status, earned.text).toBe(201);
    expect(earned.body.balanceAfter).toBe(120);
    const redeemed = await entry(a, { kind: "redeem", points: 20, reason: "兑换礼品" });
    expect(redeemed.status, redeemed.text).toBe(201);
    expect(redeemed.body.balanceAfter).toBe(100);
    const adjusted = await entry(a, { kind: "adjust", points: -5, reason: "更正" });
    expect(adjusted.body.balanceAfter).toBe(95);
    expect(await points(a)).toBe(95);
  });

  it("refuses to redeem more than the balance, or a negative earning, as field errors", async () => {
    const over = await entry(a, { kind: "redeem", points: 1000, reason: "太多" });
    expect(over.status).toBe(400);
    expect(over.body.error.details.fields).toEqual([
      {
        field: "points",
        rule: "refused",
        message: "the customer has 95 points: 1000 cannot be redeemed",
      },
    ]);
    const negative = await entry(a, { kind: "earn", points: -3, reason: "负数" });
    expect(negative.body.error.details.fields[0]).toMatchObject({
      field: "points",
      rule: "refused",
    });
    expect(await points(a)).toBe(95);
  });

  it("never changes or deletes an entry: the ledger is append-only", async () => {
    const { id, version } = (await entry(a, { kind: "earn", points: 5, reason: "小额" })).body;
    const patched = await a.admin.patch(
      `/api/data/x_loyalty_entry/${id}`,
      { points: 500 },
      { "If-Match": `"${version}"` },
    );
    expect(patched.status).toBe(400);
    const deleted = await a.admin.delete(`/api/data/x_loyalty_entry/${id}`, {
      "If-Match": `"${version}"`,
    });
    expect(deleted.status).toBe(400);
    expect(await points(a)).toBe(100);
  });

  it("does not let the balance be written through the API", async () => {
    const { version } = (await a.admin.get(`/api/data/customer/${customer}`)).body;
    const res = await a.admin.patch(
      `/api/data/customer/${customer}`,
      { x_loyalty_points: 99999 },
      { "If-Match": `"${version}"` },
    );
    expect(res.status).toBe(400);
    expect(await points(a)).toBe(100);
  });

  it.runIf(testDbKind === "postgres")(
    "never spends points twice under parallel redemptions",
    async () => {
      const id = (await a.admin.post("/api/data/customer", { name: "并发客户" })).body.id;
      await a.admin.post("/api/data/x_loyalty_entry", {
        customer: id,
        kind: "earn",
        points: 100,
        reason: "开户",
      });
      const tries = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          a.admin.post("/api/data/x_loyalty_entry", {
            customer: id,
            kind: "redeem",
            points: 30,
            reason: `兑换 ${i}`,
          }),
        ),
      );
      expect(tries.map((t) => t.status).sort()).toEqual([
        201, 201, 201, 400, 400, 400, 400, 400, 400, 400,
      ]);
      expect(await points(a, id)).toBe(10);
      const after = tries.filter((t) => t.status === 201).map((t) => t.body.balanceAfter);
      expect(after.sort((x, y) => x - y)).toEqual([10, 40, 70]);
    },
  );
});
