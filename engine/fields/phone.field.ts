import { normalisePhone } from "./normalise-phone.ts";
import type { FieldType } from "./field-type.ts";
import { textOperators } from "./operator-sets.ts";
import { tr } from "../i18n/text.ts";
import { textConversion } from "./text-conversion.ts";

const phonePattern = "^\\+?[0-9(][0-9 ()-]*[0-9]( ?([xX]|[eE]xt\\.?) ?[0-9]{1,6})?$";

/**
 * Kept as typed, not normalised to E.164: people enter local numbers and
 * extensions that no single format covers. The pattern only keeps out text.
 */
export const phoneField: FieldType = {
  name: "phone",
  label: tr("Phone"),
  properties: [],
  sqlType: () => "text",
  jsonSchema: () => ({
    type: "string",
    minLength: 3,
    maxLength: 32,
    pattern: phonePattern,
  }),
  expects: () => tr("a phone number such as +86 571 8888 1234"),
  operators: textOperators,
  sortable: true,
  searchable: true,
  duplicateKey: { normalise: normalisePhone, sharedAs: "tel" },
  widget: "phone",
  asText: (c) => c,
  converts: {
    ...textConversion(["text", "longText"], () => ({ min: 3, max: 32, pattern: phonePattern })),
    blankIsEmpty: true,
  },
};
