import type { FieldType } from "./field-type.ts";
import { orderedOperators } from "./operator-sets.ts";
import { sql } from "kysely";
import { guarded, isCalendarDay } from "./text-conversion.ts";

import { tr } from "../i18n/text.ts";

const dayPattern = "^\\s*[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}\\s*$";

/** A calendar day with no time zone, e.g. a birthday: "2024-05-01" is the same day everywhere. */
export const dateField: FieldType = {
  name: "date",
  label: tr("Date"),
  properties: [],
  sqlType: () => "date",
  // Years 1000–9999: year 0 and BC dates print differently in PostgreSQL and JavaScript.
  jsonSchema: () => ({ type: "string", format: "date", pattern: "^[1-9][0-9]{3}-" }),
  expects: () => tr('a date such as "2024-05-01" (years 1000–9999)'),
  operators: orderedOperators,
  sortable: true,
  toCell: (v) => ({
    kind: "date",
    value: new Date(`${v as string}T00:00:00Z`),
    text: v as string,
    format: "yyyy-mm-dd",
  }),
  widget: "date",
  asText: (c) => sql`to_char(${c}, 'YYYY-MM-DD')`,
  converts: {
    from: ["text", "longText"],
    blankIsEmpty: true,
    accepts: (t) => guarded(sql`${t} ~ ${sql.lit(dayPattern)}`, isCalendarDay(sql`trim(${t})`)),
    cast: (t) => sql`trim(${t})::date`,
  },
};
