import { createSignal } from "solid-js";
import type { EntityView } from "../../../metadata/types.gen.ts";
import {
  isLocale,
  locales,
  pickLocale,
  sourceLocale,
  type Locale,
} from "../../../metadata/locale.ts";
import { messages } from "./message-files.ts";

/** A key of the UI's message files (`<folder>/texts/<locale>.json`); message-files.test.ts checks each one used exists. */
export type MessageKey = string;
const stored = localStorage.getItem("metacrm.locale");

const [locale, setLocaleSignal] = createSignal<Locale>(
  isLocale(stored) ? stored : (pickLocale(navigator.languages.join(",")) ?? sourceLocale),
);
export { locale };

/** Switches the language of every screen at once; remembered in this browser. */
export function setLocale(next: Locale) {
  localStorage.setItem("metacrm.locale", next);
  document.documentElement.lang = next;
  setLocaleSignal(next);
}
document.documentElement.lang = locale();

/** Whether the UI has words for `key` (server rules it does not know keep the server's message). */
export const hasMessage = (key: string): key is MessageKey => key in messages[sourceLocale];

/** A UI string in the current language, `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return (messages[locale()][key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? ""),
  );
}

const systemFields = ["id", "owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "version"];

/** Words that arrive after start, a plugin's (plugins/plugin-store.ts): `t` finds them from then on. */
export function addMessages(l: Locale, words: Readonly<Record<string, string>>) {
  Object.assign(messages[l], words);
}

/** The words of `key` in another locale than the current one: a language's own name in it. */
export const messageIn = (l: Locale, key: MessageKey): string => messages[l][key] ?? key;

/** Labels of an entity in the current language, falling back to another language, then the key. */
export function entityLabel(entity: EntityView, plural = false): string {
  const pick = (l: Locale) => (plural ? entity.labels[l]?.plural : entity.labels[l]?.entity);
  return pick(locale()) ?? locales.map(pick).find((label) => label !== undefined) ?? entity.key;
}

export function fieldLabel(entity: EntityView, field: string): string {
  if (systemFields.includes(field)) return t(`system.${field}` as MessageKey);
  return (
    entity.labels[locale()]?.fields?.[field] ??
    entity.labels[sourceLocale]?.fields?.[field] ??
    field
  );
}

export function optionLabel(entity: EntityView, field: string, option: string): string {
  return entity.labels[locale()]?.options?.[field]?.[option] ?? option;
}

export function sectionLabel(entity: EntityView, section: string): string {
  return entity.labels[locale()]?.sections?.[section] ?? section;
}

/** A field's placeholder from labels#/placeholders (an admin's, per language), if it has one. */
export function placeholderText(entity: EntityView, field: string): string | undefined {
  return entity.labels[locale()]?.placeholders?.[field];
}

/** `ui:help` names a key of labels#/help, or is the text itself. */
export function helpText(entity: EntityView, help: string): string {
  return entity.labels[locale()]?.help?.[help] ?? help;
}
