import { localDateTime } from "./spreadsheet-cell.ts";
import type { FieldType } from "./field-type.ts";
import { orderedOperators } from "./operator-sets.ts";
import { tr } from "../i18n/text.ts";

/**
 * An instant. A zone is required because a bare local time means a different
 * instant per server. Years stay within 1000–9999 and seconds below 60, so
 * that every accepted value is one both databases and JavaScript represent
 * the same way (a leap second or year 0 would not be).
 */
export const datetimeField: FieldType = {
  name: "datetime",
  label: tr("Date and time"),
  properties: [],
  sqlType: () => "timestamptz",
  jsonSchema: () => ({
    type: "string",
    format: "date-time",
    pattern:
      "^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-5][0-9](\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
  }),
  expects: () => tr('a date and time with a zone such as "2024-05-01T09:30:00Z" (years 1000–9999)'),
  operators: orderedOperators,
  sortable: true,
  filtersByLocalDay: true,
  toCell: (v, _f, cx) => localDateTime(v as string, cx.timezone),
  widget: "datetime",
  toDb: (v) => new Date(v as string),
};
