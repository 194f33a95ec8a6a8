import type { FieldMetadata } from "../../metadata/types.gen.ts";
import type { FieldType } from "./field-type.ts";
import { booleanField } from "./boolean.field.ts";
import { dateField } from "./date.field.ts";
import { datetimeField } from "./datetime.field.ts";
import { decimalField } from "./decimal.field.ts";
import { emailField } from "./email.field.ts";
import { enumField } from "./enum.field.ts";
import { integerField } from "./integer.field.ts";
import { jsonField } from "./json.field.ts";
import { longTextField } from "./long-text.field.ts";
import { moneyField } from "./money.field.ts";
import { multiEnumField } from "./multi-enum.field.ts";
import { phoneField } from "./phone.field.ts";
import { referenceField } from "./reference.field.ts";
import { regionField } from "./region.field.ts";
import { textField } from "./text.field.ts";
import { urlField } from "./url.field.ts";

/** Properties every field accepts whatever its type; a type's own are in `FieldType.properties`. */
export const commonFieldProperties = [
  "type",
  "required",
  "readOnly",
  "hidden",
  "module",
  "unique",
  "indexed",
  "default",
] as const satisfies readonly (keyof FieldMetadata)[];

export const fieldTypes: ReadonlyMap<string, FieldType> = new Map(
  [
    textField,
    longTextField,
    integerField,
    decimalField,
    moneyField,
    booleanField,
    dateField,
    datetimeField,
    enumField,
    multiEnumField,
    referenceField,
    emailField,
    phoneField,
    urlField,
    jsonField,
    regionField,
  ].map((t) => [t.name, t]),
);

export function getFieldType(name: string): FieldType | undefined {
  return fieldTypes.get(name);
}

/** Whether a field holds the id of a record of its `entity` (a reference). */
export const refersToRecords = (field: Pick<FieldMetadata, "type">) =>
  getFieldType(field.type)?.refersToRecords === true;
