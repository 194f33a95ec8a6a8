import { emptyCell, textCell } from "./spreadsheet-cell.ts";
import type { FieldType } from "./field-type.ts";
import { checkOptions } from "./checks.ts";
import { setOperators } from "./operator-sets.ts";
import { tr } from "../i18n/text.ts";
import { sql } from "kysely";
import { optionTest } from "./text-conversion.ts";

/** Any number of option keys, e.g. tags; `text[]` lets "has any of" use a GIN index. */
export const multiEnumField: FieldType = {
  name: "multiEnum",
  label: tr("Multiple choice"),
  properties: ["options", "retiredOptions"],
  check: (f) => checkOptions(f),
  sqlType: () => "text[]",
  jsonSchema: (f) => ({
    type: "array",
    uniqueItems: true,
    items: { type: "string", enum: f.options ?? [] },
  }),
  expects: (f) =>
    tr("a list of distinct options among {options}", { options: (f.options ?? []).join(", ") }),
  operators: setOperators,
  sortable: false,
  holdsSet: true,
  toCell: (v, _f, cx) =>
    (v as string[]).length === 0
      ? emptyCell
      : textCell((v as string[]).map((k) => cx.optionLabel(k)).join("; ")),
  widget: "multiSelect",
  // A single option becomes a set of one.
  converts: {
    from: ["enum", "text", "longText"],
    blankIsEmpty: true,
    accepts: optionTest,
    cast: (t) => sql`array[${t}]`,
  },
};
