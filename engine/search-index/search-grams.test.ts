import { describe, expect, it } from "vitest";
import { termGrams, textGrams } from "./search-grams.ts";

describe("search grams", () => {
  it("indexes pairs of neighbours and characters beyond ASCII alone, case folded", () => {
    expect(textGrams(["北京恒达"]).sort()).toEqual(
      ["北", "北京", "京", "京恒", "恒", "恒达", "达"].sort(),
    );
    expect(textGrams(["AbC", "ab"]).sort()).toEqual(["ab", "bc"]);
  });

  it("looks a term up by its pairs, or by one character beyond ASCII", () => {
    expect(termGrams("恒达")).toEqual(["恒达"]);
    expect(termGrams("ACME")).toEqual(["ac", "cm", "me"]);
    expect(termGrams("2345")).toEqual(["23", "34", "45"]);
    expect(termGrams("恒")).toEqual(["恒"]);
    expect(termGrams("a")).toEqual([]);
  });

  it("finds every term inside a text among the text's grams", () => {
    const text = "İstanbul Αθήνα 100% snake_case 0571-8888";
    const grams = new Set(textGrams([text]));
    for (let from = 0; from < text.length; from++)
      for (let to = from + 1; to <= text.length; to++)
        for (const term of [text.slice(from, to), text.slice(from, to).toUpperCase()])
          for (const gram of termGrams(term))
            expect(grams.has(gram), `${term}: ${gram}`).toBe(true);
  });

  it("looks a long term up by its first pairs only", () => {
    expect(termGrams("abcdefghijklmnopqrstuvwxyz")).toHaveLength(12);
  });
});
