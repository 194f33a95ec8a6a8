/**
 * A number a message can go to: a mainland mobile number (11 digits, 13–19
 * first), or `+` and an international number (country code first, 7 to 15
 * digits). Spaces and dashes people type between groups are dropped.
 *
 * @example
 * phoneNumber("138 0013 8000") // "13800138000"
 * phoneNumber("+852 9123 4567") // "+85291234567"
 * phoneNumber("12345") // undefined
 */
export function phoneNumber(typed: string): string | undefined {
  const number = typed.replace(/[\s-]/g, "");
  return /^1[3-9]\d{9}$/.test(number) || /^\+[1-9]\d{6,14}$/.test(number) ? number : undefined;
}
