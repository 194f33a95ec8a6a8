import type { FieldType } from "./field-type.ts";
import { orderedOperators } from "./operator-sets.ts";

/** An instant. A zone is required because a bare local time means a different instant per server. */
export const datetimeField: FieldType = {
  name: "datetime",
  properties: [],
  sqlType: () => "timestamptz",
  jsonSchema: () => ({
    type: "string",
    format: "date-time",
    pattern: "(Z|[+-][0-9]{2}:[0-9]{2})$",
  }),
  expects: () => 'a date and time with a zone such as "2024-05-01T09:30:00Z"',
  operators: orderedOperators,
  widget: "datetime",
  toDb: (v) => new Date(v as string),
  toJson: (v) => (v instanceof Date ? v.toISOString() : v),
};
