import { minimumLength, NumberPatternError, parsePattern } from "./number-pattern.ts";
import { tr, type Text } from "../i18n/text.ts";

/**
 * Why a numbering pattern cannot be used, or undefined when it can. A pattern
 * whose very first number would not fit the numbered field's maxLength is
 * refused too: the server writes that field, so no request would ever catch it.
 */
export function checkNumberPattern(
  source: string,
  maxLength: number | undefined,
): Text | undefined {
  let length: number;
  try {
    length = minimumLength(parsePattern(source));
  } catch (err) {
    if (err instanceof NumberPatternError) return err.text;
    throw err;
  }
  if (maxLength !== undefined && length > maxLength)
    return tr(
      "numbers of this pattern are at least {length} characters long, more than the field's maxLength {maxLength}",
      { length, maxLength },
    );
  return undefined;
}
