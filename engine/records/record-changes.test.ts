import { describe, expect, it } from "vitest";
import { changes, maxTrailValue, snapshot } from "./record-changes.ts";

describe("record changes for the trail", () => {
  it("a snapshot keeps every value set, leaving empty ones out", () => {
    const row = { name: "Acme", city: null, tags: ["vip"], employees: 0, isKeyAccount: false };
    expect(snapshot(["name", "city", "tags", "employees", "isKeyAccount"], row, "created")).toEqual(
      {
        before: {},
        after: { name: "Acme", tags: ["vip"], employees: 0, isKeyAccount: false },
      },
    );
    expect(snapshot(["name"], row, "deleted")).toEqual({ before: { name: "Acme" }, after: {} });
  });

  it("a change keeps only the fields whose values differ, arrays and objects compared whole", () => {
    const before = { name: "A", tags: ["x"], data: { a: 1 }, city: null };
    const after = { name: "A", tags: ["x", "y"], data: { a: 1 }, city: "宁波" };
    expect(changes(["name", "tags", "data", "city"], before, after)).toEqual({
      before: { tags: ["x"], city: null },
      after: { tags: ["x", "y"], city: "宁波" },
    });
    expect(changes(["name", "data"], before, after)).toBeUndefined();
  });

  it("cuts long texts and large JSON values, naming the fields it cut", () => {
    const long = "长".repeat(maxTrailValue + 5);
    const big = { items: Array.from({ length: 400 }, (_, i) => i) };
    const detail = changes(
      ["remark", "data"],
      { remark: null, data: null },
      { remark: long, data: big },
    )!;
    expect(detail.after.remark).toBe(`${"长".repeat(maxTrailValue)}…`);
    expect((detail.after.data as string).length).toBe(maxTrailValue + 1);
    expect(detail.truncated).toEqual(["remark", "data"]);
    expect(snapshot(["remark"], { remark: "short" }, "created").truncated).toBeUndefined();
  });
});
