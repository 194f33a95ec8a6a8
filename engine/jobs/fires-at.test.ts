import { describe, expect, it } from "vitest";
import { firesAt } from "./job-queue.ts";

describe("a cron job's minutes, in a company's time zone", () => {
  it("fires at nine in Shanghai, which is one in UTC, and at no other minute", () => {
    expect(firesAt("0 9 * * *", "Asia/Shanghai", new Date("2026-12-03T01:00:00Z"))).toBe(true);
    expect(firesAt("0 9 * * *", "Asia/Shanghai", new Date("2026-12-03T09:00:00Z"))).toBe(false);
    expect(firesAt("0 9 * * *", "Asia/Shanghai", new Date("2026-12-03T01:01:00Z"))).toBe(false);
    expect(firesAt("0 9 * * *", "Europe/Berlin", new Date("2026-12-03T08:00:00Z"))).toBe(true);
  });

  it("fires every minute for * * * * *, and on weekdays only for 1-5", () => {
    expect(firesAt("* * * * *", "UTC", new Date("2026-12-03T10:17:00Z"))).toBe(true);
    // 2026-12-05 is a Saturday in Shanghai.
    expect(firesAt("30 8 * * 1-5", "Asia/Shanghai", new Date("2026-12-05T00:30:00Z"))).toBe(false);
    expect(firesAt("30 8 * * 1-5", "Asia/Shanghai", new Date("2026-12-04T00:30:00Z"))).toBe(true);
  });
});
