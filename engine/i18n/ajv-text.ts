import { createRequire } from "node:module";
import type { ErrorObject } from "ajv";
import type { Locale } from "./locale.ts";
import { Text } from "./text.ts";

type Localize = (errors: ErrorObject[]) => void;
// ajv-i18n's declarations give it an ES default export that its CommonJS module does not have.
const localize = createRequire(import.meta.url)("ajv-i18n") as { en: Localize; zh: Localize };

const localizers: Record<Locale, Localize> = {
  en: localize.en,
  "zh-CN": localize.zh,
};

/** An ajv error's own message, in the reader's language (ajv-i18n's translations). */
export class AjvText extends Text {
  constructor(readonly error: ErrorObject) {
    super(error.message ?? error.keyword);
  }

  override in(locale: Locale): string {
    const copy = { ...this.error };
    localizers[locale]([copy]);
    return copy.message ?? copy.keyword;
  }
}
