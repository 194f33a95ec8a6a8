import { describe, expect, it } from "vitest";
import { choosableOptions } from "./choosable-options.ts";

describe("the options a picker offers", () => {
  const field = { type: "enum", options: ["new", "won", "old"], retiredOptions: ["old"] };
  const tags = { type: "multiEnum", options: ["vip", "b2b"], retiredOptions: ["b2b"] };

  it("leaves a retired option out for a new entry and a record without it", () => {
    expect(choosableOptions({ field, name: "stage", record: {} })).toEqual(["new", "won"]);
    expect(choosableOptions({ field, name: "stage", record: { stage: "won" } })).toEqual([
      "new",
      "won",
    ]);
  });

  it("keeps it for the record that holds it, alone or in a set", () => {
    expect(choosableOptions({ field, name: "stage", record: { stage: "old" } })).toEqual([
      "new",
      "won",
      "old",
    ]);
    expect(choosableOptions({ field: tags, name: "tags", record: { tags: ["b2b"] } })).toEqual([
      "vip",
      "b2b",
    ]);
  });

  it("offers every option of a field without retired ones", () => {
    expect(
      choosableOptions({ field: { type: "enum", options: ["a"] }, name: "x", record: {} }),
    ).toEqual(["a"]);
  });
});
