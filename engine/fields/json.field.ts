import { tr } from "../i18n/text.ts";
import { textCell } from "./spreadsheet-cell.ts";
import type { FieldType } from "./field-type.ts";
import { presenceOperators } from "./operator-sets.ts";

/** Free-form data for integrations; its inside has no metadata, so only presence can be filtered. */
export const jsonField: FieldType = {
  name: "json",
  label: tr("JSON"),
  properties: [],
  sqlType: () => "jsonb",
  jsonSchema: () => ({}),
  operators: presenceOperators,
  sortable: false,
  toCell: (v) => textCell(JSON.stringify(v)),
  widget: "json",
  // Drivers would send a JS array as a Postgres array and a string as raw JSON text.
  toDb: (v) => JSON.stringify(v),
};
