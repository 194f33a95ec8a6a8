import { textCell } from "./spreadsheet-cell.ts";
import type { FieldType } from "./field-type.ts";
import { equalityOperators } from "./operator-sets.ts";
import { uuidSchema } from "./uuid-pattern.ts";
import { tr } from "../i18n/text.ts";

/**
 * The id of a record of `entity`. `onDelete` defaults to "restrict": deleting a
 * record others point to must be a deliberate choice.
 */
export const referenceField: FieldType = {
  name: "reference",
  label: tr("Reference to a record"),
  properties: ["entity", "onDelete", "filterBy"],
  check: (f) => ({
    ...(f.entity === undefined ? { entity: tr("a reference field needs an entity") } : {}),
    ...(f.onDelete === "setNull" && f.required === true
      ? { onDelete: tr("setNull cannot empty a required field") }
      : {}),
  }),
  sqlType: () => "uuid",
  jsonSchema: () => ({
    type: "string",
    pattern: uuidSchema.pattern,
  }),
  expects: () => tr("the id of a record, a lower-case UUID"),
  operators: equalityOperators,
  sortable: true,
  refersToRecords: true,
  toCell: (v, _f, cx) => textCell(cx.display ?? String(v)),
  widget: "reference",
};
