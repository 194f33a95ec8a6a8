import type { FilterOperator } from "./field-type.ts";

export const textOperators: readonly FilterOperator[] = [
  "eq",
  "ne",
  "in",
  "nin",
  "contains",
  "startsWith",
  "isNull",
];

export const orderedOperators: readonly FilterOperator[] = [
  "eq",
  "ne",
  "lt",
  "lte",
  "gt",
  "gte",
  "in",
  "nin",
  "between",
  "isNull",
];

export const equalityOperators: readonly FilterOperator[] = ["eq", "ne", "in", "nin", "isNull"];

/** Equality on pages of prose is never what a user means; searching inside is. */
export const longTextOperators: readonly FilterOperator[] = ["contains", "isNull"];

/** On a set of options: `in` is "has any of", `nin` "has none of". */
export const setOperators: readonly FilterOperator[] = ["in", "nin", "isNull"];

export const presenceOperators: readonly FilterOperator[] = ["isNull"];
