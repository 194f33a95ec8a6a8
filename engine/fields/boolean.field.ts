import { tr } from "../i18n/text.ts";
import type { FieldType } from "./field-type.ts";
import { equalityOperators } from "./operator-sets.ts";

export const booleanField: FieldType = {
  name: "boolean",
  label: tr("Yes/No"),
  properties: [],
  sqlType: () => "boolean",
  jsonSchema: () => ({ type: "boolean" }),
  operators: equalityOperators,
  sortable: true,
  toCell: (v, _f, cx) => ({ kind: "text", text: cx.yesNo[v ? 0 : 1] }),
  widget: "checkbox",
};
