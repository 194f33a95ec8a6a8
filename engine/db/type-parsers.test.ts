import { describe, expect, it } from "vitest";
import { parseTimestamptz } from "./type-parsers.ts";

describe("parseTimestamptz", () => {
  it("keeps milliseconds and writes UTC with Z", () => {
    expect(parseTimestamptz("2026-11-27 02:55:41.123456+00")).toBe("2026-11-27T02:55:41.123Z");
    expect(parseTimestamptz("2026-11-27 02:55:41+00")).toBe("2026-11-27T02:55:41.000Z");
  });
  it("converts other offsets to UTC", () => {
    expect(parseTimestamptz("2026-11-27 10:00:00.5+08")).toBe("2026-11-27T02:00:00.500Z");
    expect(parseTimestamptz("2026-11-27 10:00:00+05:30")).toBe("2026-11-27T04:30:00.000Z");
  });
});
