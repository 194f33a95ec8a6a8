import { minimumLength, NumberPatternError, parsePattern } from "./number-pattern.ts";
import { tr, type Text } from "../i18n/text.ts";

/**
 * Why a numbering pattern cannot be used, or undefined when it can. A pattern
 * whose very first number would not fit the numbered field's maxLength is
 * refused too (with the longest of its prefixes): the server writes that
 * field, so no request would ever catch it. `prefixes` are the texts the
 * numbering gives `{prefix}`, undefined when it gives none.
 */
export function checkNumberPattern(
  source: string,
  maxLength: number | undefined,
  prefixes?: readonly string[],
): Text | undefined {
  let length: number;
  try {
    const pattern = parsePattern(source);
    if (pattern.hasPrefix && prefixes === undefined)
      return tr("the pattern uses {prefix} but the numbering gives no prefixes", {
        prefix: "{prefix}",
      });
    const longest = (prefixes ?? []).reduce((a, b) => (b.length > a.length ? b : a), "");
    length = minimumLength(pattern, pattern.hasPrefix ? longest : "");
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
