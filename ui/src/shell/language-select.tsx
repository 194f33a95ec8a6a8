import type { Locale } from "../../../metadata/types.gen.ts";
import { locale, setLocale, t } from "../i18n/i18n.ts";

/** The zh-CN / en switch; every label on screen follows at once. */
export function LanguageSelect(props: { id: string }) {
  return (
    <span class="language">
      <label for={props.id}>{t("shell.language")}</label>
      <select
        id={props.id}
        value={locale()}
        onChange={(e) => setLocale(e.currentTarget.value as Locale)}
      >
        <option value="zh-CN" selected={locale() === "zh-CN"}>
          中文
        </option>
        <option value="en" selected={locale() === "en"}>
          English
        </option>
      </select>
    </span>
  );
}
