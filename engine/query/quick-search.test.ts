import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadBaseMetadata } from "../metadata/load-base-metadata.ts";
import { commonTermShare, planQuickSearch } from "./quick-search.ts";

const customer = loadBaseMetadata(path.resolve(import.meta.dirname, "../.."), []).entities
  .customer!;
const plan = (share: number | undefined, filling = false) =>
  planQuickSearch(customer, "恒达", { filling, share: () => share });

describe("the path of a quick search", () => {
  it("narrows by the token index while the term is rare, or nothing is known of it", () => {
    expect(plan(undefined)).toMatchObject({ kind: "search", grams: ["恒达"], pattern: "%恒达%" });
    expect(plan(commonTermShare / 10)).toMatchObject({ grams: ["恒达"] });
  });

  it("leaves the index out for a common term, and while the search data is being filled", () => {
    expect(plan(commonTermShare)).toMatchObject({ kind: "search", grams: null, pattern: "%恒达%" });
    expect(plan(0.1)).toMatchObject({ grams: null });
    expect(plan(undefined, true)).toMatchObject({ grams: null });
  });

  it("asks about the term's own tokens", () => {
    const asked: (readonly string[])[] = [];
    planQuickSearch(customer, "恒达科技", {
      filling: false,
      share: (tokens) => {
        asked.push(tokens);
        return undefined;
      },
    });
    expect(asked).toEqual([["恒达", "达科", "科技"]]);
  });
});
