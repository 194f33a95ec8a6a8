import { tr } from "../i18n/text.ts";

/** Field problems that many request bodies share, worded once. */
export const fieldTexts = {
  required: () => tr("is required"),
  nul: () => tr("must not contain the character U+0000"),
};
