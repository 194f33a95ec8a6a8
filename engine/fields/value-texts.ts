import { tr, type Text } from "../i18n/text.ts";

/** Why a value is refused, worded once for record payloads and list filters alike. */
export const valueTexts = {
  mustBe: (expected: Text) => tr("must be {expected}", { expected }),
  mustBeOneOf: (allowed: readonly unknown[]) =>
    tr("must be one of {allowed}", { allowed: allowed.join(", ") }),
  invalid: () => tr("is not a valid value"),
};
