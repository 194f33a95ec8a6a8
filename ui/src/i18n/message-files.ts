import { locales, type Locale } from "../../../metadata/locale.ts";

/** One folder's words in one language: message key → text with `{name}` placeholders. */
export interface MessageFile {
  folder: string;
  locale: string;
  messages: Readonly<Record<string, string>>;
}

/**
 * Every UI message file: each folder of ui/src keeps the words of its screens
 * in `<folder>/texts/<locale>.json` (words several folders share live in
 * i18n/texts), bundled by Vite. Adding a locale to engine/i18n/locale.ts and
 * a file beside each folder's others is all another language takes.
 */
export const messageFiles: MessageFile[] = Object.entries(
  import.meta.glob<Record<string, string>>("../*/texts/*.json", { eager: true, import: "default" }),
).map(([file, messages]) => {
  // Vite names this folder's own files "./texts/…", the others "../<folder>/texts/…".
  const [, folder = "i18n", locale = ""] =
    /^(?:\.\.\/([^/]+)|\.)\/texts\/(.+)\.json$/.exec(file) ?? [];
  return { folder, locale, messages };
});

/** The words of every folder, one table per locale. */
export const messages = Object.fromEntries(
  locales.map((l) => [
    l,
    Object.assign({}, ...messageFiles.filter((f) => f.locale === l).map((f) => f.messages)),
  ]),
) as Record<Locale, Record<string, string>>;
