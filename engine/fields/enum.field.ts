import { textCell } from "./spreadsheet-cell.ts";
import type { FieldType } from "./field-type.ts";
import { checkOptions } from "./checks.ts";
import { equalityOperators } from "./operator-sets.ts";
import { tr } from "../i18n/text.ts";
import { optionTest } from "./text-conversion.ts";

/** One of a fixed list of option keys; labels are per locale, so only keys are stored. */
export const enumField: FieldType = {
  name: "enum",
  label: tr("Choice"),
  properties: ["options", "retiredOptions"],
  check: (f) => checkOptions(f),
  sqlType: () => "text",
  jsonSchema: (f) => ({ type: "string", enum: f.options ?? [] }),
  expects: (f) => tr("one of {options}", { options: (f.options ?? []).join(", ") }),
  operators: equalityOperators,
  sortable: true,
  toCell: (v, _f, cx) => textCell(cx.optionLabel(v as string)),
  widget: "select",
  asText: (c) => c,
  converts: {
    from: ["text", "longText"],
    blankIsEmpty: true,
    accepts: optionTest,
    cast: (t) => t,
  },
};
