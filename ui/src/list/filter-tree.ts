/** One row of the filter builder. `value2` is the upper bound of `between`. */
export interface Condition {
  id: number;
  field: string;
  op: string;
  value: unknown;
  value2?: unknown;
}

const blank = (v: unknown) =>
  v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/** Text typed for `in`/`nin` on a text field: comma-separated values. */
const asList = (v: unknown) =>
  Array.isArray(v)
    ? v
    : String(v)
        .split(/[,，]/)
        .map((s) => s.trim())
        .filter(Boolean);

/**
 * The API's filter tree (`{"and": [{field, op, value}]}`, design brief §8)
 * for the builder's rows; rows still missing a value are left out.
 */
export function filterTree(conditions: Condition[]): unknown {
  const items = conditions.flatMap((c) => {
    if (c.op === "isNull") return [{ field: c.field, op: "isNull", value: c.value !== false }];
    if (c.op === "between") {
      return blank(c.value) || blank(c.value2)
        ? []
        : [{ field: c.field, op: "between", value: [c.value, c.value2] }];
    }
    if (blank(c.value)) return [];
    if (c.op === "in" || c.op === "nin")
      return [{ field: c.field, op: c.op, value: asList(c.value) }];
    return [{ field: c.field, op: c.op, value: c.value }];
  });
  return items.length ? { and: items } : undefined;
}
