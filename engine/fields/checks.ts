import type { FieldMetadata } from "../metadata/types.gen.ts";

/** Shared rules of `FieldType.check`; each returns one message per broken rule, keyed by property. */

/** Compares with the type's default maximum too: `minLength: 300` alone on a text field can never be met. */
export function checkLength(
  field: FieldMetadata,
  defaultMaxLength: number,
): Record<string, string> {
  const max = field.maxLength ?? defaultMaxLength;
  return field.minLength !== undefined && field.minLength > max
    ? { minLength: `minLength must not exceed maxLength (${max})` }
    : {};
}

export function checkRange(field: FieldMetadata): Record<string, string> {
  return field.minimum !== undefined && field.maximum !== undefined && field.minimum > field.maximum
    ? { minimum: "minimum must not exceed maximum" }
    : {};
}

export function checkOptions(field: FieldMetadata, typeLabel: string): Record<string, string> {
  return field.options === undefined || field.options.length === 0
    ? { options: `${typeLabel} field needs options` }
    : {};
}
