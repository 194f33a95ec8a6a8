import { tr } from "../i18n/text.ts";
import { decimalCell } from "./spreadsheet-cell.ts";
import type { FieldType } from "./field-type.ts";
import { checkRange } from "./checks.ts";
import { checkDecimalBounds, decimalSchema, expectsDecimal } from "./decimal-string.ts";
import { orderedOperators } from "./operator-sets.ts";
import { sql } from "kysely";
import { decimalConversion } from "./text-conversion.ts";

const precision = 18;

/**
 * An amount in the company's currency: a decimal whose scale is the currency's
 * (0 for yen, 2 for euro), so metadata cannot ask for cents the currency lacks.
 */
export const moneyField: FieldType = {
  name: "money",
  label: tr("Money"),
  properties: ["minimum", "maximum"],
  check: checkRange,
  sqlType: (_f, ctx) => `numeric(${precision},${ctx.currencyDecimals})`,
  jsonSchema: (_f, ctx) => decimalSchema(precision, ctx.currencyDecimals),
  expects: (_f, ctx) => expectsDecimal(precision, ctx.currencyDecimals),
  checkValue: (v, f) => checkDecimalBounds(v, f),
  operators: orderedOperators,
  sortable: true,
  toCell: (v, _f, cx) => decimalCell(v as string, cx.ctx.currencyDecimals),
  widget: "money",
  asText: (c) => sql`${c}::text`,
  converts: decimalConversion(["text", "longText", "integer", "decimal"], (_f, ctx) => ({
    precision,
    scale: ctx.currencyDecimals,
  })),
};
