import { describe, expect, it } from "vitest";
import { phoneNumber } from "./phone-number.ts";

describe("phoneNumber", () => {
  it("takes mainland mobile numbers and + international ones, without the spaces typed", () => {
    expect(phoneNumber("13800138000")).toBe("13800138000");
    expect(phoneNumber("138 0013-8000")).toBe("13800138000");
    expect(phoneNumber("+852 9123 4567")).toBe("+85291234567");
  });

  it("refuses landlines, short numbers, a leading 0 after +, and letters", () => {
    for (const typed of [
      "010-12345678",
      "12800138000",
      "1380013800",
      "+0123456789",
      "+1",
      "1380013800a",
      "",
    ])
      expect(phoneNumber(typed), typed).toBeUndefined();
  });
});
