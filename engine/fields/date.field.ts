import type { FieldType } from "./field-type.ts";
import { orderedOperators } from "./operator-sets.ts";

/** A calendar day with no time zone, e.g. a birthday: "2024-05-01" is the same day everywhere. */
export const dateField: FieldType = {
  name: "date",
  properties: [],
  sqlType: () => "date",
  jsonSchema: () => ({ type: "string", format: "date" }),
  operators: orderedOperators,
  widget: "date",
  // PGlite parses a date into a Date at UTC midnight; node-postgres would use local
  // midnight, which this would shift a day east of UTC — keep dates as strings there.
  toJson: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
};
