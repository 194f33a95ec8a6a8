import { describe, expect, it } from "vitest";
import { testCompany, testEngine } from "../support/test-engine.ts";

describe("records API", () => {
  it("creates and reads a customer", async () => {
    const engine = await testEngine();
    const { admin } = await testCompany(engine);
    const created = await admin.post("/api/data/customer", {
      name: "杭州恒达科技有限公司",
      city: "杭州",
      creditLimit: "1234.5",
    });
    expect(created.status).toBe(201);
    expect(created.body.creditLimit).toBe("1234.50");
    const read = await admin.get(`/api/data/customer/${created.body.id}`);
    expect(read.body).toEqual(created.body);
  });
});
