import type { FieldMetadata } from "../../metadata/types.gen.ts";
import { tr, type Text } from "../i18n/text.ts";

/** Shared rules of `FieldType.check`; each returns one message per broken rule, keyed by property. */

/** Compares with the type's default maximum too: `minLength: 300` alone on a text field can never be met. */
export function checkLength(field: FieldMetadata, defaultMaxLength: number): Record<string, Text> {
  const max = field.maxLength ?? defaultMaxLength;
  return field.minLength !== undefined && field.minLength > max
    ? { minLength: tr("minLength must not exceed maxLength ({max})", { max }) }
    : {};
}

export function checkRange(field: FieldMetadata): Record<string, Text> {
  return field.minimum !== undefined && field.maximum !== undefined && field.minimum > field.maximum
    ? { minimum: tr("minimum must not exceed maximum") }
    : {};
}

export function checkOptions(field: FieldMetadata): Record<string, Text> {
  if (field.options === undefined || field.options.length === 0)
    return { options: tr("this field type needs options") };
  const unknown = field.retiredOptions?.filter((o) => !field.options!.includes(o)) ?? [];
  return unknown.length > 0
    ? {
        retiredOptions: tr("retired options must be options of the field: {options}", {
          options: unknown.join(", "),
        }),
      }
    : {};
}
