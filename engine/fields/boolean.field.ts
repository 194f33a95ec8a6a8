import { tr } from "../i18n/text.ts";
import type { FieldType } from "./field-type.ts";
import { equalityOperators } from "./operator-sets.ts";
import { sql } from "kysely";
import { textList } from "./text-conversion.ts";

/** Texts read as yes and no when a field becomes a checkbox, in both languages. */
const yes = ["true", "yes", "y", "1", "是"];
const no = ["false", "no", "n", "0", "否"];

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
  asText: (c) => sql`${c}::text`,
  converts: {
    from: ["text", "longText", "integer"],
    blankIsEmpty: true,
    accepts: (t) => sql`lower(trim(${t})) in (${textList([...yes, ...no])})`,
    cast: (t) => sql`lower(trim(${t})) in (${textList(yes)})`,
  },
};
