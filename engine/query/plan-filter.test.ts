import path from "node:path";
import { describe, expect, it } from "vitest";
import { ApiError } from "../http/api-error.ts";
import { loadBaseMetadata } from "../metadata/load-base-metadata.ts";
import { escapeLike } from "./escape-like.ts";
import { freezePlan, type Predicate } from "./list-plan.ts";
import { isDateOnly, nextDay } from "./local-days.ts";
import { planFilter } from "./plan-filter.ts";

const base = loadBaseMetadata(path.resolve(import.meta.dirname, "../.."));
const customer = base.entities.customer!;
const plan = (tree: unknown) =>
  planFilter(tree, customer, { currencyDecimals: 2 }, "Asia/Shanghai");
const c = (field: string, op: string, value: unknown) => ({ field, op, value });
const tz = "Asia/Shanghai";

/** Every object and array of `value` is frozen. */
function deeplyFrozen(value: unknown): boolean {
  if (!value || typeof value !== "object") return true;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

/** The ApiError planFilter throws for `tree`. */
function refusal(tree: unknown): ApiError {
  try {
    plan(tree);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error("the filter was accepted");
}

describe("planFilter: trees → predicates", () => {
  it.each<[string, unknown, Predicate]>([
    ["eq", c("name", "eq", "x"), { kind: "compare", column: "name", op: "=", value: "x" }],
    ["ne", c("city", "ne", "x"), { kind: "notEqual", column: "city", value: "x" }],
    ["lte", c("employees", "lte", 5), { kind: "compare", column: "employees", op: "<=", value: 5 }],
    [
      "in",
      c("quality", "in", ["A"]),
      { kind: "in", column: "quality", values: ["A"], negate: false },
    ],
    ["nin", c("quality", "nin", []), { kind: "in", column: "quality", values: [], negate: true }],
    [
      "multiEnum in",
      c("tags", "in", ["vip"]),
      { kind: "overlaps", column: "tags", values: ["vip"], negate: false },
    ],
    [
      "multiEnum nin",
      c("tags", "nin", ["vip"]),
      { kind: "overlaps", column: "tags", values: ["vip"], negate: true },
    ],
    [
      "multiEnum isNull",
      c("tags", "isNull", true),
      { kind: "emptyArray", column: "tags", empty: true },
    ],
    ["isNull", c("city", "isNull", false), { kind: "isNull", column: "city", isNull: false }],
    [
      "contains",
      c("name", "contains", "50%_\\"),
      { kind: "like", columns: ["name"], pattern: "%50\\%\\_\\\\%" },
    ],
    [
      "startsWith",
      c("name", "startsWith", "a_"),
      { kind: "like", columns: ["name"], pattern: "a\\_%" },
    ],
    [
      "between",
      c("creditLimit", "between", ["1", "2.50"]),
      {
        kind: "and",
        items: [
          { kind: "compare", column: "creditLimit", op: ">=", value: "1" },
          { kind: "compare", column: "creditLimit", op: "<=", value: "2.50" },
        ],
      },
    ],
    [
      "datetime instant",
      c("lastContactAt", "gt", "2026-03-01T00:00:00+08:00"),
      { kind: "compare", column: "lastContactAt", op: ">", value: "2026-03-01T00:00:00+08:00" },
    ],
    [
      "system field",
      c("version", "eq", 2),
      { kind: "compare", column: "version", op: "=", value: 2 },
    ],
  ])("%s", (_name, tree, expected) => {
    expect(plan(tree)).toEqual(expected);
  });

  it("turns bare dates on datetime fields into local days", () => {
    const day = (from: string | null, to: string | null): Predicate => ({
      kind: "dayRange",
      column: "lastContactAt",
      from,
      to,
      timezone: tz,
    });
    const d = (op: string, value: unknown) => plan(c("lastContactAt", op, value));
    expect(d("eq", "2026-02-28")).toEqual(day("2026-02-28", "2026-03-01"));
    expect(d("lt", "2026-12-31")).toEqual(day(null, "2026-12-31"));
    expect(d("lte", "2026-12-31")).toEqual(day(null, "2027-01-01"));
    expect(d("gt", "2026-12-31")).toEqual(day("2027-01-01", null));
    expect(d("gte", "2026-12-31")).toEqual(day("2026-12-31", null));
    expect(d("between", ["2026-01-31", "2026-02-28"])).toEqual(day("2026-01-31", "2026-03-01"));
    // "not" already takes in the records without a value.
    expect(d("ne", "2024-02-28")).toEqual({ kind: "not", item: day("2024-02-28", "2024-02-29") });
    expect(d("eq", "9999-12-31")).toEqual(day("9999-12-31", null));
    expect(d("gt", "9999-12-31")).toEqual({ kind: "false" });
    // A date field keeps its dates: no day range.
    expect(plan(c("nextFollowUp", "eq", "2026-03-01"))).toMatchObject({ kind: "compare" });
  });

  it("keeps the tree's shape for and/or/not", () => {
    const tree = {
      and: [{ or: [c("name", "eq", "a"), { not: c("city", "ne", "b") }] }, { and: [] }],
    };
    expect(plan(tree)).toEqual({
      kind: "and",
      items: [
        {
          kind: "or",
          items: [
            { kind: "compare", column: "name", op: "=", value: "a" },
            { kind: "not", item: { kind: "notEqual", column: "city", value: "b" } },
          ],
        },
        { kind: "and", items: [] },
      ],
    });
  });

  it("gives a plan that freezePlan freezes all the way down", () => {
    const frozen = freezePlan(
      plan({ or: [c("tags", "in", ["vip"]), c("employees", "between", [1, 2])] }),
    );
    expect(deeplyFrozen(frozen)).toBe(true);
    expect(() => ((frozen as { kind: string }).kind = "and")).toThrow(TypeError);
  });
});

describe("planFilter: refusals name the place and the limit", () => {
  it("names the path of a wrong node", () => {
    expect(refusal({ and: [c("name", "eq", "x"), c("nope", "eq", 1)] })).toMatchObject({
      status: 400,
      code: "bad_filter",
      details: { path: "/and/1/field", field: "nope" },
    });
    expect(refusal({ not: { not: [] } }).details).toEqual({ path: "/not/not" });
    expect(refusal(c("name", "eq", 1)).details).toEqual({ path: "/value", field: "name" });
    expect(refusal(c("constructor", "eq", 1)).details).toMatchObject({ field: "constructor" });
    expect(refusal(c("__proto__", "eq", 1)).details).toMatchObject({ field: "__proto__" });
  });

  it("counts depth from the root and conditions over the whole tree", () => {
    let tree: unknown = c("name", "eq", "x");
    for (let i = 0; i < 7; i++) tree = { not: tree };
    expect(() => plan(tree)).not.toThrow();
    expect(refusal({ and: [tree] })).toMatchObject({
      code: "limit_exceeded",
      details: { limit: "depth", max: 8 },
    });
    const many = (n: number) => Array.from({ length: n }, () => c("name", "eq", "x"));
    expect(() => plan({ and: [{ or: many(200) }, { or: many(300) }] })).not.toThrow();
    expect(refusal({ and: [{ or: many(200) }, { or: many(301) }] }).details).toEqual({
      limit: "conditions",
      max: 500,
    });
  });
});

describe("escapeLike", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["杭州", "杭州"],
    ["100%", "100\\%"],
    ["a_b", "a\\_b"],
    ["C:\\dir", "C:\\\\dir"],
    ["\\%", "\\\\\\%"],
    ["%_\\%_\\", "\\%\\_\\\\\\%\\_\\\\"],
  ])("%j → %j", (text, escaped) => {
    expect(escapeLike(text)).toBe(escaped);
  });
});

describe("local days", () => {
  it.each([
    ["2026-01-01", "2026-01-02"],
    ["2026-01-31", "2026-02-01"],
    ["2026-02-28", "2026-03-01"],
    ["2024-02-28", "2024-02-29"],
    ["2024-02-29", "2024-03-01"],
    ["2100-02-28", "2100-03-01"],
    ["2000-02-28", "2000-02-29"],
    ["2026-04-30", "2026-05-01"],
    ["2026-12-31", "2027-01-01"],
    ["1999-12-31", "2000-01-01"],
    ["1000-01-01", "1000-01-02"],
  ])("nextDay(%s) = %s", (day, next) => {
    expect(nextDay(day)).toBe(next);
  });

  it("recognises only bare YYYY-MM-DD strings", () => {
    expect(isDateOnly("2026-03-01")).toBe(true);
    for (const v of ["2026-03-01T00:00:00Z", " 2026-03-01", "2026-3-1", 20260301, null, undefined])
      expect(isDateOnly(v), String(v)).toBe(false);
  });
});
