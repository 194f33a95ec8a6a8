import { describe, expect, it } from "vitest";
import { partsPattern, patternParts, resetOf } from "./number-pattern-parts.ts";

describe("pattern parts", () => {
  it("reads the designer's shape and writes it back", () => {
    const parts = patternParts("KH{YYYY}{MM}-{seq:4}");
    expect(parts).toEqual({
      text: "KH",
      perOption: false,
      date: "{YYYY}{MM}",
      separator: "-",
      width: 4,
    });
    expect(partsPattern(parts!)).toBe("KH{YYYY}{MM}-{seq:4}");
    expect(partsPattern({ ...parts!, perOption: true, date: "" })).toBe("KH{prefix}-{seq:4}");
    expect(patternParts("{prefix}{seq}")).toEqual({
      text: "",
      perOption: true,
      date: "",
      separator: "",
      width: 0,
    });
  });

  it("leaves other patterns to be edited as text", () => {
    expect(patternParts("{seq:4}-KH")).toBeUndefined();
    expect(patternParts("{MM}{YYYY}{seq}")).toBeUndefined();
    expect(patternParts("KH{seq")).toBeUndefined();
  });

  it("restarts by the finest date token", () => {
    expect(resetOf("KH{seq}")).toBe("never");
    expect(resetOf("{YY}{seq}")).toBe("yearly");
    expect(resetOf("{YYYY}{MM}{seq}")).toBe("monthly");
    expect(resetOf("{YYYY}{MM}{DD}{seq}")).toBe("daily");
  });
});
