/**
 * The immutable plan of one list request: every field name already resolved
 * against metadata to a column, every value already checked and converted.
 * Compiling it to SQL (compile-list.ts) needs no metadata and no input.
 */
export type Predicate =
  | { readonly kind: "and" | "or"; readonly items: readonly Predicate[] }
  | { readonly kind: "not"; readonly item: Predicate }
  | {
      readonly kind: "compare";
      readonly column: string;
      readonly op: "=" | "<" | "<=" | ">" | ">=";
      readonly value: unknown;
    }
  /** `<>` that also matches empty values, as users expect of "is not". */
  | { readonly kind: "notEqual"; readonly column: string; readonly value: unknown }
  | {
      readonly kind: "in";
      readonly column: string;
      readonly values: readonly unknown[];
      readonly negate: boolean;
    }
  /** Any of the values in a multi-enum array (`negate`: none of them, empty included). */
  | {
      readonly kind: "overlaps";
      readonly column: string;
      readonly values: readonly string[];
      readonly negate: boolean;
    }
  /** Case-insensitive LIKE with the pattern already escaped. */
  | { readonly kind: "like"; readonly columns: readonly string[]; readonly pattern: string }
  | { readonly kind: "isNull"; readonly column: string; readonly isNull: boolean }
  | { readonly kind: "emptyArray"; readonly column: string; readonly empty: boolean }
  /** A day in the company's timezone: `from` inclusive, `to` exclusive, both local dates. */
  | {
      readonly kind: "dayRange";
      readonly column: string;
      readonly from: string | null;
      readonly to: string | null;
      readonly timezone: string;
    }
  | QuickSearch
  | { readonly kind: "true" | "false" };

/** The `q` of a plan: records whose search fields, or their pinyin, contain a term (quick-search.ts). */
export interface QuickSearch {
  readonly kind: "search";
  /** The search fields the user may see: only they are matched. */
  readonly columns: readonly string[];
  /**
   * Index tokens every matching row has; null when the term is too short to
   * narrow anything, or while the rows' search data is being filled.
   */
  readonly grams: readonly string[] | null;
  /** The term as an ILIKE pattern, `% _ \` escaped. */
  readonly pattern: string;
  /** Whether the term could be pinyin (it has no Han character), so the fields' pinyin is matched too. */
  readonly pinyin: boolean;
}

export interface SortKey {
  readonly column: string;
  readonly descending: boolean;
}

/**
 * How a list answer counts its matches: `exact` always counts, `estimate`
 * takes the planner's row estimate, `none` does not count, and `auto` (no
 * `total` asked) counts as the plan's `autoTotal` says.
 */
export type TotalMode = "auto" | "exact" | "estimate" | "none";

/**
 * What `auto` does: counts exactly up to `upTo` matches, and beyond answers
 * the planner's estimate, or "more than `upTo`" where the planner's guess
 * is no guide (a quick search's substring).
 */
/**
 * What a list answer's `total` is: counted, the planner's estimate, a count
 * that stopped short ("more than `total`"), or nothing counted (null).
 */
export type TotalKind = "exact" | "estimate" | "more" | "none";

export interface AutoTotal {
  readonly upTo: number;
  readonly beyond: "estimate" | "more";
}

export interface ListPlan {
  readonly entity: string;
  readonly where: Predicate;
  /** Sort keys, the last always `id`, so that every row has its own place. */
  readonly sort: readonly SortKey[];
  readonly limit: number;
  readonly offset: number;
  /** The sort key values of the row the page starts after (keyset), one per sort key; null from the start. */
  readonly after: readonly unknown[] | null;
  readonly total: TotalMode;
  readonly autoTotal: AutoTotal;
}

/** Freezes a plan all the way down, so that nothing downstream can change it. */
export function freezePlan<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freezePlan(v);
  }
  return value;
}
