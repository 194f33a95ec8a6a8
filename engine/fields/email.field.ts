import { normaliseEmail } from "./normalise-email.ts";
import type { FieldType } from "./field-type.ts";
import { textOperators } from "./operator-sets.ts";
import { tr } from "../i18n/text.ts";
import { textConversion } from "./text-conversion.ts";

/** ajv-formats' "email" (full mode), which the API checks values with, for PostgreSQL's `~*`. */
const emailPattern =
  "^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

/** 254 is the longest address SMTP can deliver to (RFC 5321 path limit). */
export const emailField: FieldType = {
  name: "email",
  label: tr("E-mail"),
  properties: ["maxLength"],
  sqlType: () => "text",
  jsonSchema: (f) => ({ type: "string", format: "email", maxLength: f.maxLength ?? 254 }),
  expects: () => tr("an email address such as someone@example.com"),
  operators: textOperators,
  sortable: true,
  searchable: true,
  duplicateKey: { normalise: normaliseEmail, sharedAs: "mail" },
  widget: "email",
  asText: (c) => c,
  converts: {
    ...textConversion(["text", "longText"], (f) => ({
      max: f.maxLength ?? 254,
      pattern: emailPattern,
      caseless: true,
    })),
    blankIsEmpty: true,
  },
};
