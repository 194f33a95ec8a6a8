import path from "node:path";
import { projectRoot } from "../project/project-root.ts";
import { locales, sourceLocale, type Locale } from "../../metadata/locale.ts";
import { loadMessages } from "./message-files.ts";
import { currentLocale } from "./request-locale.ts";

/**
 * Translations keyed by the English template (gettext's msgid), so that the
 * code reads in plain English and a missing translation still says something.
 * Each folder of the engine, and each plugin, brings those of its own texts (`message-files.ts`);
 * `catalog.test.ts` fails when a template used in a folder has none there.
 */
const translations = loadMessages(
  path.join(projectRoot, "engine"),
  path.join(projectRoot, "plugins"),
);

export type TextParam = string | number | bigint | Text;

/**
 * Words for a user, rendered in their language only when the answer is
 * written: an English template with `{name}` placeholders and the values
 * apart. Serialised into JSON, a Text renders in the request's language.
 *
 * @example
 * throw ApiError.badRequest(tr("limit must be at most {max}", { max: 200 }));
 */
export class Text {
  constructor(
    readonly template: string,
    readonly params: Readonly<Record<string, TextParam>> = {},
  ) {}

  in(locale: Locale): string {
    const template =
      locale === sourceLocale
        ? this.template
        : (translations[locale].get(this.template) ?? this.template);
    return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = this.params[name];
      if (value === undefined) return placeholder;
      return value instanceof Text ? value.in(locale) : String(value);
    });
  }

  /** English: logs, exceptions' messages, the CLI. */
  toString(): string {
    return this.in(sourceLocale);
  }

  toJSON(): string {
    return this.in(currentLocale());
  }
}

/** A text's words in every locale, for an answer that carries them all (the UI switches language without asking again). */
export const inEveryLocale = (text: Text): Record<Locale, string> =>
  Object.fromEntries(locales.map((l) => [l, text.in(l)])) as Record<Locale, string>;

/** A translatable message; the template must be a string literal (the catalog test reads them). */
export const tr = (template: string, params?: Record<string, TextParam>) =>
  new Text(template, params);

/** Words that are not translated: names, keys, a value the user typed. */
export const verbatim = (words: string) => new Text("{words}", { words });

/** Several texts as one, each rendered in the same language. */
class JoinedText extends Text {
  constructor(
    readonly parts: readonly Text[],
    readonly separator: string | Text,
  ) {
    super("");
  }
  override in(locale: Locale): string {
    const separator =
      typeof this.separator === "string" ? this.separator : this.separator.in(locale);
    return this.parts.map((p) => p.in(locale)).join(separator);
  }
}

export const joinTexts = (parts: readonly Text[], separator: string | Text): Text =>
  new JoinedText(parts, separator);

/** A name metadata gives per language (an entity's label), else its key. */
class NamedText extends Text {
  constructor(
    readonly names: Readonly<Partial<Record<Locale, string>>>,
    readonly key: string,
  ) {
    super(key);
  }
  override in(locale: Locale): string {
    return this.names[locale] ?? this.key;
  }
}

export const named = (names: Readonly<Partial<Record<Locale, string>>>, key: string): Text =>
  new NamedText(names, key);
