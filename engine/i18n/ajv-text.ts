import { createRequire } from "node:module";
import type { ErrorObject } from "ajv";
import { languageOf, locales, sourceLocale, type Locale } from "../../metadata/locale.ts";
import { Text } from "./text.ts";

type Localize = (errors: ErrorObject[]) => void;
// ajv-i18n's declarations give it an ES default export that its CommonJS module does not have.
const localize = createRequire(import.meta.url)("ajv-i18n") as Record<string, Localize>;

/** ajv-i18n's translations for each locale: the locale's own (zh-TW), else its language's (zh), else English. */
const localizers = Object.fromEntries(
  locales.map((l) => [l, localize[l] ?? localize[languageOf(l)] ?? localize[sourceLocale]!]),
) as Record<Locale, Localize>;

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
