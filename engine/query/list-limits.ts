import { ApiError } from "../http/api-error.ts";
import { tr, type Text } from "../i18n/text.ts";

/** Limits of the list endpoint (design brief §8); beyond one, the answer is a 400 naming it. */
export const listLimits = {
  /** Nesting of and/or/not around conditions. */
  depth: 8,
  /** Values of one `in` or `nin`. */
  inValues: 1000,
  /** Conditions in one filter, so that one request cannot build an enormous query. */
  conditions: 500,
  /** Rows of one page; bigger reads go through export. */
  limit: 200,
  defaultLimit: 50,
  offset: 10_000_000,
  /** Matches counted exactly when no `total` mode is asked; beyond, the planner's estimate. */
  exactTotal: 10_000,
  /**
   * The same for a list with `q`, beyond which the answer says "more than
   * 1,000": a common term's matches are spread through the table, counting
   * 10,001 of them read 0.4–0.6 s of rows for a page that took 6 ms, and the
   * planner misjudges a substring's matches (ARCHITECTURE.md, Quick search).
   */
  exactSearchTotal: 1_000,
  /** Characters of an `after` cursor: up to 8 sort keys' values, long texts included. */
  cursor: 16_384,
  /** Characters of a `q` search or a contains/startsWith value. */
  text: 200,
  sortKeys: 8,
} as const;

/** The 400 of a request beyond a limit, naming the limit. */
export function limitExceeded(name: keyof typeof listLimits, message: Text): ApiError {
  return new ApiError(
    400,
    "limit_exceeded",
    tr("{problem}; the limit is {name} ≤ {max}", { problem: message, name, max: listLimits[name] }),
    {
      limit: name,
      max: listLimits[name],
    },
  );
}
