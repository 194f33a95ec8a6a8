/** The languages every message, label and screen comes in. */
export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/**
 * The supported language an Accept-Language header prefers most, or undefined
 * when it names none of them. Any Chinese tag (zh, zh-Hans, zh-TW…) reads as
 * zh-CN, any English one as en, and `q=0` refuses a language.
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
    const locale: Locale | undefined =
      tag === "zh" || tag.startsWith("zh-")
        ? "zh-CN"
        : tag === "en" || tag.startsWith("en-")
          ? "en"
          : undefined;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale;
}
