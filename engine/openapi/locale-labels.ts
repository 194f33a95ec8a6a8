import { translatedLocales, type Locale } from "../../metadata/locale.ts";

/**
 * A schema's labels in the languages other than English, as `x-label-<locale>`
 * extensions (the English one is its description): one per locale of the list
 * that has a label.
 *
 * @example
 * localeLabels((l) => def.labels[l].entity) // { "x-label-zh-CN": "客户" }
 */
export function localeLabels(
  label: (locale: Locale) => string | undefined,
): Record<string, string> {
  return Object.fromEntries(
    translatedLocales.flatMap((l) => {
      const name = label(l);
      return name === undefined ? [] : [[`x-label-${l}`, name]];
    }),
  );
}
