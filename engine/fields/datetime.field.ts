import { localDateTime } from "./spreadsheet-cell.ts";
import type { FieldType } from "./field-type.ts";
import { orderedOperators } from "./operator-sets.ts";
import { sql } from "kysely";
import { guarded, isCalendarDay } from "./text-conversion.ts";

const instantPattern =
  "^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-5][0-9](\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$";
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
    pattern: instantPattern,
  }),
  expects: () => tr('a date and time with a zone such as "2024-05-01T09:30:00Z" (years 1000–9999)'),
  operators: orderedOperators,
  sortable: true,
  filtersByLocalDay: true,
  toCell: (v, _f, cx) => localDateTime(v as string, cx.timezone),
  widget: "datetime",
  toDb: (v) => new Date(v as string),
  asText: (c) => sql`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  converts: {
    from: ["text", "longText"],
    blankIsEmpty: true,
    // The zone's hours are checked too: PostgreSQL refuses an offset beyond 15 hours.
    accepts: (t) =>
      guarded(
        sql`trim(${t}) ~ ${sql.lit(instantPattern)}`,
        sql`(${isCalendarDay(sql`trim(${t})`)} and substr(trim(${t}), 12, 2)::int < 24
          and substr(trim(${t}), 15, 2)::int < 60
          and (upper(right(trim(${t}), 1)) = 'Z' or substr(right(trim(${t}), 6), 2, 2)::int <= 15))`,
      ),
    cast: (t) => sql`trim(${t})::timestamptz`,
  },
};
