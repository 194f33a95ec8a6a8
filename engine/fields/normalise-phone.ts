/** Fewer digits than this identify nobody (an extension, a fragment). */
const minimumDigits = 7;

const mobile = /^1[3-9]\d{9}$/;
/** China's country code as dialled from abroad (+86) or from a phone that has no + key (0086). */
const chinaPrefix = /^(\+|00)86/;

/**
 * A phone number as the digits that reach the same line, for finding
 * duplicates: separators and an extension dropped, China's country code
 * (+86, 0086) taken off and a landline's trunk 0 put back (+86 571 8888 8888
 * is 0571 8888 8888), other countries kept with their +. Undefined for
 * fewer than seven digits.
 *
 * @example normalisePhone("+86 (571) 8888-8888") // "057188888888"
 * @example normalisePhone("138 0013 8000") // "13800138000"
 */
export function normalisePhone(value: string): string | undefined {
  const number = value
    .normalize("NFKC")
    .replace(/\s*(x|ext\.?).*$/iu, "")
    .trim();
  const compact = number.replace(/[^\d+]/gu, "");
  let digits: string;
  if (chinaPrefix.test(compact)) {
    digits = compact.replace(chinaPrefix, "");
    if (!mobile.test(digits) && !digits.startsWith("0")) digits = `0${digits}`;
  } else if (compact.startsWith("+")) {
    digits = `+${compact.slice(1).replace(/\+/gu, "")}`;
  } else {
    digits = compact.replace(/\+/gu, "");
    // 86 written before a mobile number without its + or 00.
    if (digits.length === 13 && digits.startsWith("86") && mobile.test(digits.slice(2)))
      digits = digits.slice(2);
  }
  return digits.replace("+", "").length >= minimumDigits ? digits : undefined;
}
