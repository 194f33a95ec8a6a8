import { describe, expect, it } from "vitest";
import { startOfDay } from "./start-of-day.ts";

describe("startOfDay", () => {
  it("is the company's midnight, not UTC's", () => {
    expect(startOfDay(new Date("2026-11-27T02:00:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2026-11-26T16:00:00.000Z",
    );
    expect(startOfDay(new Date("2026-11-27T17:30:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2026-11-27T16:00:00.000Z",
    );
    expect(startOfDay(new Date("2026-11-27T02:00:00Z"), "UTC").toISOString()).toBe(
      "2026-11-27T00:00:00.000Z",
    );
    expect(startOfDay(new Date("2026-07-01T03:00:00Z"), "America/New_York").toISOString()).toBe(
      "2026-06-30T04:00:00.000Z",
    );
  });

  it("counts a message sent at midnight in the new day", () => {
    const midnight = new Date("2026-11-26T16:00:00Z");
    expect(startOfDay(midnight, "Asia/Shanghai")).toEqual(midnight);
  });
});
