import { decimalCell } from "./spreadsheet-cell.ts";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import type { FieldType } from "./field-type.ts";
import { checkRange } from "./checks.ts";
import { checkDecimalBounds, decimalSchema, expectsDecimal } from "./decimal-string.ts";
import { orderedOperators } from "./operator-sets.ts";
import { sql } from "kysely";
import { decimalConversion } from "./text-conversion.ts";
import { tr } from "../i18n/text.ts";

const precisionOf = (f: FieldMetadata) => f.precision ?? 18;
const scaleOf = (f: FieldMetadata) => f.scale ?? 2;

/** An exact number, e.g. a quantity or a rate. The API value is a string (see decimal-string.ts). */
export const decimalField: FieldType = {
  name: "decimal",
  label: tr("Decimal number"),
  properties: ["precision", "scale", "minimum", "maximum"],
  check: (f) => ({
    ...checkRange(f),
    ...(scaleOf(f) > precisionOf(f)
      ? {
          scale: tr("scale must not exceed precision ({precision})", { precision: precisionOf(f) }),
        }
      : {}),
  }),
  sqlType: (f) => `numeric(${precisionOf(f)},${scaleOf(f)})`,
  jsonSchema: (f) => decimalSchema(precisionOf(f), scaleOf(f)),
  expects: (f) => expectsDecimal(precisionOf(f), scaleOf(f)),
  checkValue: (v, f) => checkDecimalBounds(v, f),
  operators: orderedOperators,
  sortable: true,
  toCell: (v, f) => decimalCell(v as string, scaleOf(f)),
  widget: "number",
  asText: (c) => sql`${c}::text`,
  converts: decimalConversion(["text", "longText", "integer", "decimal", "money"], (f) => ({
    precision: precisionOf(f),
    scale: scaleOf(f),
  })),
};
