import type { FieldType } from "./field-type.ts";
import { textOperators } from "./operator-sets.ts";
import { tr } from "../i18n/text.ts";
import { textConversion } from "./text-conversion.ts";

const webAddress = "^https?://[^\\s/?#]+";

/** Web addresses only: the UI renders them as links, so `javascript:` and the like must not get in. */
export const urlField: FieldType = {
  name: "url",
  label: tr("Web address"),
  properties: ["maxLength"],
  sqlType: () => "text",
  jsonSchema: (f) => ({
    type: "string",
    format: "uri",
    pattern: webAddress,
    maxLength: f.maxLength ?? 2048,
  }),
  expects: () => tr("a web address such as https://example.com"),
  operators: textOperators,
  sortable: true,
  searchable: true,
  widget: "url",
  asText: (c) => c,
  // No spaces anywhere: the "uri" format the API checks allows none.
  converts: {
    ...textConversion(["text", "longText"], (f) => ({
      max: f.maxLength ?? 2048,
      pattern: `${webAddress}[^\\s]*$`,
    })),
    blankIsEmpty: true,
  },
};
