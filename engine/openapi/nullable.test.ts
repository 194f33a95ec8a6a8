import { describe, expect, it } from "vitest";
import { nullable } from "./nullable.ts";

describe("nullable", () => {
  it("adds null to the type, and to the enum that would refuse it", () => {
    expect(nullable({ type: "string", maxLength: 5 })).toEqual({
      type: ["string", "null"],
      maxLength: 5,
    });
    expect(nullable({ type: "string", enum: ["A", "B"] })).toEqual({
      type: ["string", "null"],
      enum: ["A", "B", null],
    });
    expect(nullable({ type: "array", items: { type: "string" } })).toEqual({
      type: ["array", "null"],
      items: { type: "string" },
    });
  });

  it("leaves alone what already accepts null, and wraps what has no single type", () => {
    expect(nullable({})).toEqual({});
    expect(nullable({ type: "null" })).toEqual({ type: "null" });
    const either = { anyOf: [{ type: "string" }, { type: "integer" }] };
    expect(nullable(either)).toEqual({ anyOf: [either, { type: "null" }] });
  });
});
