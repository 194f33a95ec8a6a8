import { tr } from "../i18n/text.ts";
import type { FieldType } from "./field-type.ts";
import { checkRange } from "./checks.ts";
import { orderedOperators } from "./operator-sets.ts";
import { sql } from "kysely";
import { all, boundTests, guarded, numberPattern } from "./text-conversion.ts";

/** Whole numbers of up to 15 digits: all of them a JSON number holds exactly. */
const maxDigits = 15;

/**
 * Stored as `bigint`, but API values are JSON numbers, so they stay within the
 * integers a double holds exactly.
 */
export const integerField: FieldType = {
  name: "integer",
  label: tr("Whole number"),
  properties: ["minimum", "maximum"],
  check: checkRange,
  sqlType: () => "bigint",
  jsonSchema: (f) => ({
    type: "integer",
    minimum: Math.max(f.minimum ?? -Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
    maximum: Math.min(f.maximum ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  }),
  operators: orderedOperators,
  sortable: true,
  toCell: (v) => ({ kind: "number", value: v as number, text: String(v), format: "0" }),
  widget: "number",
  asText: (c) => sql`${c}::text`,
  converts: {
    from: ["text", "longText", "decimal", "money"],
    blankIsEmpty: true,
    // Decimals convert only when whole ("12.00"): nothing is rounded away.
    accepts: (t, f) =>
      guarded(
        sql`${t} ~ ${sql.lit(numberPattern)}`,
        all([
          sql`rtrim(split_part(trim(${t}), '.', 2), '0') = ''`,
          sql`char_length(ltrim(split_part(ltrim(trim(${t}), '+-'), '.', 1), '0')) <= ${sql.lit(maxDigits)}`,
          ...boundTests(sql`trim(${t})::numeric`, f),
        ]),
      ),
    cast: (t) => sql`trim(${t})::numeric::bigint`,
  },
};
