import { createSignal } from "solid-js";
import type { EntityView, Locale } from "../../../metadata/types.gen.ts";
import en from "./en.json";
import zhCN from "./zh-CN.json";
import adminEn from "../admin/i18n/en.json";
import adminZhCN from "../admin/i18n/zh-CN.json";
import toolsEn from "./tools.en.json";
import toolsZhCN from "./tools.zh-CN.json";
import recordsEn from "./records.en.json";
import recordsZhCN from "./records.zh-CN.json";

export type MessageKey =
  keyof typeof en | keyof typeof adminEn | keyof typeof toolsEn | keyof typeof recordsEn;
const messages: Record<Locale, Record<MessageKey, string>> = {
  en: { ...en, ...adminEn, ...toolsEn, ...recordsEn },
  "zh-CN": { ...zhCN, ...adminZhCN, ...toolsZhCN, ...recordsZhCN },
};
const stored = localStorage.getItem("metacrm.locale");

const [locale, setLocaleSignal] = createSignal<Locale>(
  stored === "en" || stored === "zh-CN"
    ? stored
    : navigator.language.startsWith("zh")
      ? "zh-CN"
      : "en",
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
export const hasMessage = (key: string): key is MessageKey => key in messages.en;

/** A UI string in the current language, `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[locale()][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? ""),
  );
}

const systemFields = ["id", "owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "version"];

/** Labels of an entity in the current language, falling back to the other language, then the key. */
export function entityLabel(entity: EntityView, plural = false): string {
  const pick = (l: Locale) => (plural ? entity.labels[l]?.plural : entity.labels[l]?.entity);
  return pick(locale()) ?? pick(locale() === "en" ? "zh-CN" : "en") ?? entity.key;
}

export function fieldLabel(entity: EntityView, field: string): string {
  if (systemFields.includes(field)) return t(`system.${field}` as MessageKey);
  return entity.labels[locale()]?.fields?.[field] ?? entity.labels.en?.fields?.[field] ?? field;
}

export function optionLabel(entity: EntityView, field: string, option: string): string {
  return entity.labels[locale()]?.options?.[field]?.[option] ?? option;
}

export function sectionLabel(entity: EntityView, section: string): string {
  return entity.labels[locale()]?.sections?.[section] ?? section;
}

/** `ui:help` names a key of labels#/help, or is the text itself. */
export function helpText(entity: EntityView, help: string): string {
  return entity.labels[locale()]?.help?.[help] ?? help;
}
