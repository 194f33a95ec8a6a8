/**
 * The languages every message, label and screen comes in: the one list a
 * language is added to. The engine negotiates, loads metadata labels and
 * picks ajv's messages from it; the UI imports it for its switch.
 */
export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];

/** A new company's language, unless it is given another. */
export const defaultLocale = "zh-CN" satisfies Locale;

/** The language the code is written in: `tr()` templates are English and need no message file. */
export const sourceLocale = "en" satisfies Locale;
export type TranslatedLocale = Exclude<Locale, typeof sourceLocale>;
export const translatedLocales = locales.filter((l): l is TranslatedLocale => l !== sourceLocale);

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/** A tag's language without its script or region: "zh" of "zh-Hans-CN". */
export const languageOf = (tag: string) => tag.toLowerCase().split("-")[0] ?? "";

/**
 * The supported language an Accept-Language header prefers most, or undefined
 * when it names none of them. A tag names a locale exactly, or else by its
 * language (zh, zh-Hans, zh-TW… read as zh-CN, en-GB as en); `q=0` refuses one.
 *
 * @example
 * pickLocale("en-US,en;q=0.9,zh-CN;q=0.8") // "en"
 */
export function pickLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.slice(0, 500).split(",")) {
    const [tag = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q > 0)) continue;
    const locale =
      locales.find((l) => l.toLowerCase() === tag) ??
      locales.find((l) => languageOf(l) === languageOf(tag));
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale;
}
