import { describe, expect, it } from "vitest";
import { dateInZone } from "./date-in-zone.ts";
import { formatNumber, parsePattern } from "../metadata/number-pattern.ts";

describe("dateInZone", () => {
  it("gives the calendar date in the company's zone, not UTC's", () => {
    const instant = new Date("2026-12-31T16:30:00Z");
    expect(dateInZone(instant, "UTC")).toEqual({ year: 2026, month: 12, day: 31 });
    expect(dateInZone(instant, "Asia/Shanghai")).toEqual({ year: 2027, month: 1, day: 1 });
    expect(dateInZone(new Date("2027-01-01T03:00:00Z"), "America/New_York")).toEqual({
      year: 2026,
      month: 12,
      day: 31,
    });
  });

  it("numbers a document made just after midnight in Shanghai in the new month", () => {
    const date = dateInZone(new Date("2026-12-31T16:30:00Z"), "Asia/Shanghai");
    expect(formatNumber(parsePattern("{YYYY}{MM}{seq}"), date, 1)).toBe("2027011");
    expect(formatNumber(parsePattern("KH{YYYY}{MM}-{seq:4}"), date, 1)).toBe("KH202701-0001");
  });

  it("follows daylight saving time", () => {
    // 04:30Z is 23:30 the day before in New York's winter (UTC-5), 00:30 the same day in summer (UTC-4).
    expect(dateInZone(new Date("2026-01-15T04:30:00Z"), "America/New_York").day).toBe(14);
    expect(dateInZone(new Date("2026-07-15T04:30:00Z"), "America/New_York").day).toBe(15);
  });
});
