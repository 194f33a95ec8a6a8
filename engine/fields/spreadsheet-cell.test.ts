import { describe, expect, it } from "vitest";
import { neutralise } from "./spreadsheet-cell.ts";

describe("neutralise", () => {
  it.each([
    "=1+1",
    "+1",
    "-2",
    "@SUM(A1)",
    "\t=cmd",
    "\rx",
    " =1+1",
    "\n=1+1",
    "\u00a0=1+1",
    "\u200b=1+1",
    "\u2060+1",
    "\u202e=1",
    "\ufeff=1+1",
    "\u3000=1+1",
    "＝1+1",
    "＋1",
    "－2",
    "＠SUM(A1)",
    "﹦1",
    " \u200b\n＠x",
  ])("prefixes %j with an apostrophe", (text) => {
    expect(neutralise(text)).toBe(`'${text}`);
  });

  it.each(["plain", " plain", "\u00a0name", "1＝1", "a\n=b", "", "'quoted", "(=)"])(
    "leaves %j as it is",
    (text) => {
      expect(neutralise(text)).toBe(text);
    },
  );

  it("takes linear time on a long run of spaces without a formula after it", () => {
    const text = " ".repeat(200_000) + "x";
    const started = performance.now();
    expect(neutralise(text)).toBe(text);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
