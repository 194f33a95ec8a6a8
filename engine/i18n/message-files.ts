import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { translatedLocales, type TranslatedLocale } from "../../metadata/locale.ts";

/** One folder's translations into one language: English template → translation. */
export interface MessageFile {
  /** The folder whose code uses these texts, relative to the root ("" for the root's own files). */
  folder: string;
  locale: TranslatedLocale;
  file: string;
  messages: Readonly<Record<string, string>>;
}

const isTranslated = (name: string): name is TranslatedLocale =>
  translatedLocales.includes(name as TranslatedLocale);

/**
 * Every message file under `root`: each folder (a module, later a plugin)
 * keeps the translations of the texts its code uses in
 * `<folder>/texts/<locale>.json`, and the root's own files in
 * `texts/<locale>.json`. A file named after no translated locale is refused,
 * so that a misspelt one does not go unread.
 *
 * @example
 * messageFiles("engine") // [{ folder: "access", locale: "zh-CN", file: "engine/access/texts/zh-CN.json", … }, …]
 */
export function messageFiles(root: string): MessageFile[] {
  const folders = [
    "",
    ...readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name),
  ];
  return folders.flatMap((folder) => {
    const dir = path.join(root, folder, "texts");
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith(".json"))
      .map((name) => {
        const file = path.join(dir, name);
        const locale = name.slice(0, -".json".length);
        if (!isTranslated(locale))
          throw new Error(
            `${file}: "${locale}" is not a translated locale (${translatedLocales.join(", ")}; engine/i18n/locale.ts)`,
          );
        const messages = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
        return { folder, locale, file, messages };
      });
  });
}

/** The translations of every folder under the roots, one table per language; a missing root has none. */
export function loadMessages(...roots: string[]): Record<TranslatedLocale, Map<string, string>> {
  const tables = Object.fromEntries(
    translatedLocales.map((l) => [l, new Map<string, string>()]),
  ) as Record<TranslatedLocale, Map<string, string>>;
  for (const root of roots.filter((r) => existsSync(r)))
    for (const { locale, messages } of messageFiles(root))
      for (const [template, translation] of Object.entries(messages))
        tables[locale].set(template, translation);
  return tables;
}
