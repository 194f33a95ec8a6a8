import type { FieldType } from "./field-type.ts";
import { equalityOperators } from "./operator-sets.ts";

export const booleanField: FieldType = {
  name: "boolean",
  properties: [],
  sqlType: () => "boolean",
  jsonSchema: () => ({ type: "boolean" }),
  operators: equalityOperators,
  widget: "checkbox",
};
