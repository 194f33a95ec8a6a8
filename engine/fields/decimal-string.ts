import type { FieldMetadata } from "../../metadata/types.gen.ts";
import type { JsonSchema } from "./field-type.ts";
import { tr, type Text } from "../i18n/text.ts";

/**
 * Decimals travel as strings so that no digit is lost to binary floating point;
 * these helpers serve both `decimal` and `money`, which differ only in where the scale comes from.
 */

/** A `numeric(precision,scale)` value as the database prints it: no exponent, no leading zeros. */
export function decimalSchema(precision: number, scale: number): JsonSchema {
  const integerDigits = precision - scale;
  const integer = integerDigits > 0 ? `(0|[1-9][0-9]{0,${integerDigits - 1}})` : "0";
  const fraction = scale > 0 ? `(\\.[0-9]{1,${scale}})?` : "";
  return { type: "string", pattern: `^-?${integer}${fraction}$` };
}

/** The example respects the precision too, so that it is itself a valid value. */
export function expectsDecimal(precision: number, scale: number): Text {
  const integer = "1234".slice(0, precision - scale) || "0";
  return scale > 0
    ? tr('a decimal string such as "{example}" with at most {scale} decimals', {
        example: `${integer}.${"5".padEnd(scale, "0")}`,
        scale,
      })
    : tr('a decimal string without decimals such as "{example}"', { example: integer });
}

/**
 * JSON Schema's minimum/maximum apply to numbers only, so bounds of decimal strings are checked here.
 * Compared as doubles, which can misjudge only a value within one rounding step of a bound.
 */
export function checkDecimalBounds(value: unknown, field: FieldMetadata): Text | undefined {
  const n = Number(value);
  if (field.minimum !== undefined && n < field.minimum)
    return tr("must be at least {minimum}", { minimum: field.minimum });
  if (field.maximum !== undefined && n > field.maximum)
    return tr("must be at most {maximum}", { maximum: field.maximum });
  return undefined;
}
