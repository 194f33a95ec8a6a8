import { normaliseCompanyName } from "./normalise-company-name.ts";
import { tr } from "../i18n/text.ts";
import type { FieldType } from "./field-type.ts";
import { checkLength } from "./checks.ts";
import { textOperators } from "./operator-sets.ts";
import { textConversion, writtenAsText } from "./text-conversion.ts";

const defaultMaxLength = 255;

/** One line of text. Stored as `text`: the length limit lives in metadata, so changing it needs no DDL. */
export const textField: FieldType = {
  name: "text",
  label: tr("Text"),
  properties: ["minLength", "maxLength"],
  check: (f) => checkLength(f, defaultMaxLength),
  sqlType: () => "text",
  jsonSchema: (f) => ({
    type: "string",
    maxLength: f.maxLength ?? defaultMaxLength,
    ...(f.minLength === undefined ? {} : { minLength: f.minLength }),
  }),
  operators: textOperators,
  sortable: true,
  searchable: true,
  duplicateKey: { normalise: normaliseCompanyName },
  widget: "text",
  asText: (c) => c,
  converts: textConversion(writtenAsText, (f) => ({
    min: f.minLength,
    max: f.maxLength ?? defaultMaxLength,
  })),
};
