import { tr } from "../i18n/text.ts";
import type { FieldType } from "./field-type.ts";
import { checkLength } from "./checks.ts";
import { longTextOperators } from "./operator-sets.ts";
import { textConversion, writtenAsText } from "./text-conversion.ts";

const defaultMaxLength = 100_000;

/** Multi-line text such as notes; the default limit only guards against runaway payloads. */
export const longTextField: FieldType = {
  name: "longText",
  label: tr("Long text"),
  properties: ["minLength", "maxLength"],
  check: (f) => checkLength(f, defaultMaxLength),
  sqlType: () => "text",
  jsonSchema: (f) => ({
    type: "string",
    maxLength: f.maxLength ?? defaultMaxLength,
    ...(f.minLength === undefined ? {} : { minLength: f.minLength }),
  }),
  operators: longTextOperators,
  sortable: true,
  searchable: true,
  widget: "textarea",
  asText: (c) => c,
  converts: textConversion(writtenAsText, (f) => ({
    min: f.minLength,
    max: f.maxLength ?? defaultMaxLength,
  })),
};
