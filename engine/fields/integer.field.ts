import { tr } from "../i18n/text.ts";
import type { FieldType } from "./field-type.ts";
import { checkRange } from "./checks.ts";
import { orderedOperators } from "./operator-sets.ts";

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
};
