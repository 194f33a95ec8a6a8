import type { FieldContext } from "../fields/field-type.ts";
import { ApiError } from "../http/api-error.ts";
import { containsNul } from "../http/contains-nul.ts";
import { tr, type Text } from "../i18n/text.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { checkFilterValue } from "./filter-values.ts";
import { limitExceeded, listLimits } from "./list-limits.ts";
import type { SortKey } from "./list-plan.ts";
import type { RecordJson } from "./record-json.ts";
import { alwaysSet, queryableField } from "./queryable-fields.ts";

/**
 * The values a page's `next` cursor carries for its last record: one per sort
 * key, as the record's JSON has them, the id last (the plan's sort ends with it).
 */
export function cursorValues(sort: readonly SortKey[], record: RecordJson): unknown[] {
  return sort.map((k) => record[k.column] ?? null);
}

/**
 * A cursor as the list answers it (list contract): base64url, without
 * padding, of the JSON array of `cursorValues`.
 *
 * @example encodeCursor(["2026-11-27T02:00:00.000Z", "0193…"]) // "WyIyMDI2LTEx…"
 */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

const bad = (problem: Text) =>
  new ApiError(400, "bad_cursor", tr("after: {problem}", { problem }), { parameter: "after" });

/**
 * An `after` cursor → the sort key values of the row to continue after, each
 * checked as a filter value of its field is; anything that is not a cursor
 * of this list's sort is a 400 saying what is wrong with it.
 */
export function decodeCursor(
  text: string,
  def: EntityDefinition,
  sort: readonly SortKey[],
  ctx: FieldContext,
): unknown[] {
  if (text.length > listLimits.cursor)
    throw limitExceeded("cursor", tr("after is {length} characters", { length: text.length }));
  let values: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error("not base64url");
    values = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw bad(tr("not a cursor: pass the next value of the page before, as it was answered"));
  }
  if (containsNul(values)) throw bad(tr("a value cannot contain the character U+0000"));
  if (!Array.isArray(values) || values.length !== sort.length)
    throw bad(
      tr("not a cursor of this sort ({sort}): start again from the first page", {
        sort: sort.map((k) => (k.descending ? "-" : "") + k.column).join(","),
      }),
    );
  sort.forEach(({ column }, i) => {
    const value: unknown = values[i];
    if (value === null) {
      if (alwaysSet.has(column)) throw bad(tr("{field} cannot be empty", { field: column }));
      return;
    }
    const problem = checkFilterValue(queryableField(def, column)!, value, ctx);
    if (problem) throw bad(tr("{field} {problem}", { field: column, problem }));
  });
  return values;
}
