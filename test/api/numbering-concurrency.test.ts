import { beforeAll, describe, expect, it } from "vitest";
import type { TestResponse } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

let engine: TestEngine;

beforeAll(async () => {
  engine = await testEngine();
  engine.clock.current = new Date("2026-11-27T02:00:00Z");
});

/** The sequence parts of the numbers of the created customers, sorted. */
function sequences(responses: TestResponse[]): number[] {
  return responses
    .filter((r) => r.status === 201)
    .map((r) => {
      expect(r.body.code).toMatch(/^KH202611-\d{4}$/);
      return Number(r.body.code.slice(-4));
    })
    .sort((a, b) => a - b);
}

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

// On PGlite every transaction runs alone; only PostgreSQL really runs the creates at the same time.
describe.runIf(testDbKind === "postgres")("concurrent creates on PostgreSQL", () => {
  it("give 50 distinct, consecutive numbers", async () => {
    const { admin } = await testCompany(engine, "numcc");
    const responses = await Promise.all(
      oneTo(50).map((i) => admin.post("/api/data/customer", { name: `并发客户 ${i}` })),
    );
    for (const r of responses) expect(r.status, r.text).toBe(201);
    expect(sequences(responses)).toEqual(oneTo(50));
    expect(new Set(responses.map((r) => r.body.code)).size).toBe(50);
  });
});

describe.runIf(testDbKind === "postgres")("concurrent creates with prefixes on PostgreSQL", () => {
  it("give each prefix its own consecutive numbers", async () => {
    const { admin } = await testCompany(engine, "numccp");
    const numbering = {
      pattern: "{prefix}{YYYY}-{seq:3}",
      prefixes: { field: "category", values: { partner: "P", dealer: "D" } },
    };
    expect(
      (await admin.send("PUT", "/api/admin/entities/customer/numbering", numbering)).status,
    ).toBe(200);
    const responses = await Promise.all(
      oneTo(20).map((i) =>
        admin.post("/api/data/customer", {
          name: `并发客户 ${i}`,
          category: i % 2 === 0 ? "partner" : "dealer",
        }),
      ),
    );
    for (const r of responses) expect(r.status, r.text).toBe(201);
    const codes = responses.map((r) => r.body.code as string).sort();
    const ten = oneTo(10).map((n) => String(n).padStart(3, "0"));
    expect(codes).toEqual([...ten.map((n) => `D2026-${n}`), ...ten.map((n) => `P2026-${n}`)]);
  });
});

describe("concurrent creates, some failing", () => {
  it("leave no gap: the numbers of those that succeed are 1..n", async () => {
    const { admin } = await testCompany(engine, "numcf");
    const field = { key: "x_tax_id", type: "text", unique: true };
    expect((await admin.post("/api/admin/entities/customer/fields", field)).status).toBe(201);
    // Every fourth create repeats a tax id (all but the first of those fail on insert,
    // after numbering); every fifth has no name (refused before its transaction).
    const bodies = oneTo(30).map((i) => ({
      ...(i % 5 === 0 ? {} : { name: `客户 ${i}` }),
      x_tax_id: i % 4 === 0 ? "DUP" : `T-${i}`,
    }));
    const responses = await Promise.all(bodies.map((b) => admin.post("/api/data/customer", b)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(6);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect(statuses.filter((s) => s === 201)).toHaveLength(19);
    expect(sequences(responses)).toEqual(oneTo(19));
    const after = await admin.post("/api/data/customer", { name: "之后" });
    expect(after.body.code).toBe("KH202611-0020");
  });
});
