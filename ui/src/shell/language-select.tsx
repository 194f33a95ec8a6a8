import { For } from "solid-js";
import { locales, type Locale } from "../../../metadata/locale.ts";
import { locale, messageIn, setLocale, t } from "../i18n/i18n.ts";

/** The language switch, each language named in itself; every label on screen follows at once. */
export function LanguageSelect(props: { id: string }) {
  return (
    <span class="language">
      <label for={props.id}>{t("shell.language")}</label>
      <select
        id={props.id}
        value={locale()}
        onChange={(e) => setLocale(e.currentTarget.value as Locale)}
      >
        <For each={locales}>
          {(l) => (
            <option value={l} selected={locale() === l}>
              {messageIn(l, "shell.languageName")}
            </option>
          )}
        </For>
      </select>
    </span>
  );
}
