import { describe, expect, it } from "vitest";
import {
  formatNumber,
  minimumLength,
  NumberPatternError,
  parsePattern,
  periodKey,
  seriesName,
} from "./number-pattern.ts";

const nov27 = { year: 2026, month: 11, day: 27 };

describe("parsePattern", () => {
  it("splits a pattern into literals, date tokens and the sequence", () => {
    expect(parsePattern("SO{YYYY}{MM}-{seq:4}").tokens).toEqual([
      { kind: "literal", text: "SO" },
      { kind: "date", part: "YYYY" },
      { kind: "date", part: "MM" },
      { kind: "literal", text: "-" },
      { kind: "seq", width: 4 },
    ]);
    expect(parsePattern("{seq}").tokens).toEqual([{ kind: "seq", width: 0 }]);
    expect(parsePattern("{DD}{seq:12}/x").tokens).toEqual([
      { kind: "date", part: "DD" },
      { kind: "seq", width: 12 },
      { kind: "literal", text: "/x" },
    ]);
  });

  it("gives an immutable result", () => {
    const p = parsePattern("A{YY}{seq:3}");
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.tokens)).toBe(true);
    for (const t of p.tokens) expect(Object.isFrozen(t)).toBe(true);
    expect(() => (p.tokens as unknown[]).push({ kind: "literal", text: "x" })).toThrow(TypeError);
  });

  it("takes the period from the finest date token", () => {
    const period = (s: string) => parsePattern(s).period;
    expect(period("N{seq:5}")).toBe("never");
    expect(period("{YYYY}-{seq}")).toBe("yearly");
    expect(period("{YY}-{seq}")).toBe("yearly");
    expect(period("{YYYY}{MM}-{seq}")).toBe("monthly");
    expect(period("{MM}{YY}-{seq}")).toBe("monthly");
    expect(period("{YYYY}{MM}{DD}-{seq}")).toBe("daily");
    expect(period("{DD}{YY}{seq}")).toBe("daily");
  });

  const malformed: [string, RegExp][] = [
    ["KH{YYY}-{seq}", /unknown token \{YYY\}; use \{YYYY\}, \{YY\}, \{MM\}, \{DD\}/],
    ["KH{yyyy}{seq}", /unknown token \{yyyy\}/],
    ["KH{}{seq}", /unknown token \{\}/],
    ["KH{ seq }", /unknown token \{ seq \}/],
    ["KH{YYYY}{MM}", /needs one sequence token/],
    ["KH-2026", /needs one sequence token/],
    ["{seq}-{seq:4}", /one sequence token, not 2/],
    ["{seq:0}", /\{seq:0\}: the sequence width must be a whole number from 1 to 12/],
    ["{seq:13}", /from 1 to 12/],
    ["{seq:04}", /from 1 to 12/],
    ["{seq:-1}", /from 1 to 12/],
    ["{seq:}", /from 1 to 12/],
    ["{seq:x}", /from 1 to 12/],
    ["KH{YYYY-{seq}", /unbalanced braces: "\{" at position 2 is never closed/],
    ["KH{seq", /unbalanced braces: "\{" at position 2 is never closed/],
    ["KH}{seq}", /unbalanced braces: "\}" at position 2 closes nothing/],
    ["{seq}}", /"\}" at position 5 closes nothing/],
    ["{{seq}}", /"\{" at position 0 is never closed/],
    ["{prefix}{prefix}{seq}", /takes \{prefix\} once, not 2 times/],
    ["{Prefix}{seq}", /unknown token \{Prefix\}; use .*\{prefix\}/],
  ];
  it.each(malformed)("refuses %s", (pattern, message) => {
    expect(() => parsePattern(pattern)).toThrow(NumberPatternError);
    expect(() => parsePattern(pattern)).toThrow(message);
  });
});

describe("formatNumber", () => {
  it("pads the sequence to its width and writes the date tokens with leading zeros", () => {
    const p = parsePattern("KH{YYYY}{MM}-{seq:4}");
    expect(formatNumber(p, nov27, 1)).toBe("KH202611-0001");
    expect(formatNumber(p, { year: 2027, month: 1, day: 5 }, 42)).toBe("KH202701-0042");
    expect(
      formatNumber(parsePattern("{YY}{MM}{DD}.{seq:3}"), { year: 2009, month: 3, day: 7 }, 7),
    ).toBe("090307.007");
    expect(formatNumber(parsePattern("INV{seq}"), nov27, 12345)).toBe("INV12345");
  });

  it("keeps counting when a sequence outgrows its padding", () => {
    const p = parsePattern("{seq:2}");
    expect(formatNumber(p, nov27, 99)).toBe("99");
    expect(formatNumber(p, nov27, 100)).toBe("100");
    expect(formatNumber(parsePattern("A{seq:4}"), nov27, 123456)).toBe("A123456");
  });

  it("knows how short a number of a pattern can be", () => {
    expect(minimumLength(parsePattern("KH{YYYY}{MM}-{seq:4}"))).toBe(13);
    expect(minimumLength(parsePattern("{seq}"))).toBe(1);
    expect(minimumLength(parsePattern("{YY}{DD}{seq:12}"))).toBe(16);
  });
});

describe("periodKey", () => {
  it("names the counter of each period, the same whatever tokens spell the date", () => {
    const key = (s: string) => periodKey(parsePattern(s), { year: 2027, month: 1, day: 5 });
    expect(key("N{seq}")).toBe("");
    expect(key("{YYYY}{seq}")).toBe("2027");
    expect(key("{YY}{seq}")).toBe("2027");
    expect(key("{YYYY}{MM}{seq}")).toBe("2027-01");
    expect(key("{MM}{YY}{seq}")).toBe("2027-01");
    expect(key("{YYYY}{MM}{DD}{seq}")).toBe("2027-01-05");
  });

  it("changes with the period and only with it", () => {
    const monthly = parsePattern("{YYYY}{MM}{seq}");
    expect(periodKey(monthly, { year: 2026, month: 11, day: 1 })).toBe(
      periodKey(monthly, { year: 2026, month: 11, day: 30 }),
    );
    expect(periodKey(monthly, { year: 2026, month: 11, day: 30 })).not.toBe(
      periodKey(monthly, { year: 2026, month: 12, day: 1 }),
    );
    const yearly = parsePattern("{YY}{seq}");
    expect(periodKey(yearly, { year: 1926, month: 1, day: 1 })).not.toBe(
      periodKey(yearly, { year: 2026, month: 1, day: 1 }),
    );
  });
});

describe("{prefix}", () => {
  it("is a token of its own, at most once", () => {
    const p = parsePattern("{prefix}-{YYYY}-{seq:3}");
    expect(p.tokens[0]).toEqual({ kind: "prefix" });
    expect(p.hasPrefix).toBe(true);
    expect(parsePattern("KH{seq}").hasPrefix).toBe(false);
  });

  it("is written as the record's prefix, or nothing", () => {
    const p = parsePattern("{prefix}{YYYY}-{seq:3}");
    expect(formatNumber(p, nov27, 7, "VIP")).toBe("VIP2026-007");
    expect(formatNumber(p, nov27, 7)).toBe("2026-007");
    expect(minimumLength(p, "VIP")).toBe(11);
  });
});

describe("seriesName", () => {
  it("names a series by its text: the prefix filled in, the date tokens kept, the width dropped", () => {
    const p = parsePattern("{prefix}KH{YYYY}{MM}-{seq:4}");
    expect(seriesName(p, "V")).toBe("VKH{YYYY}{MM}-{seq}");
    expect(seriesName(p)).toBe("KH{YYYY}{MM}-{seq}");
    expect(seriesName(parsePattern("KH{YYYY}{MM}-{seq:5}"))).toBe(seriesName(p));
    expect(seriesName(parsePattern("C{YYYY}{MM}-{seq:4}"))).not.toBe(seriesName(p));
  });
});
