import type { FieldType } from "./field-type.ts";
import { textOperators } from "./operator-sets.ts";
import { tr } from "../i18n/text.ts";

/** Web addresses only: the UI renders them as links, so `javascript:` and the like must not get in. */
export const urlField: FieldType = {
  name: "url",
  label: tr("Web address"),
  properties: ["maxLength"],
  sqlType: () => "text",
  jsonSchema: (f) => ({
    type: "string",
    format: "uri",
    pattern: "^https?://[^\\s/?#]+",
    maxLength: f.maxLength ?? 2048,
  }),
  expects: () => tr("a web address such as https://example.com"),
  operators: textOperators,
  sortable: true,
  searchable: true,
  widget: "url",
};
