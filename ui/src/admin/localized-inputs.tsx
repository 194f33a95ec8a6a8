import { For, Show } from "solid-js";
import { locales } from "../../../metadata/locale.ts";
import type { Locale } from "../../../metadata/types.gen.ts";
import { messageIn, t } from "../i18n/i18n.ts";
import type { PerLocale } from "./designer-types.ts";

/** A label's name in one language, as its input is called: "Label (English)". */
export const inLocale = (name: string, l: Locale) =>
  t("admin.designer.inLocale", { name, language: messageIn(l, "shell.languageName") });

/**
 * One text in every language side by side (zh-CN | en), each input named
 * after the text and its language, with the server's refusal under the input
 * it is about.
 */
export function LocalizedInputs(props: {
  id: string;
  name: string;
  values: Partial<PerLocale<string>>;
  onInput: (l: Locale, value: string) => void;
  problems?: Partial<PerLocale<string | undefined>>;
  maxLength?: number;
}) {
  return (
    <div class="localized-row" role="group" aria-label={props.name}>
      <span class="localized-name">{props.name}</span>
      <For each={locales}>
        {(l) => (
          <div class="localized-cell">
            <input
              id={`${props.id}-${l}`}
              lang={l}
              aria-label={inLocale(props.name, l)}
              aria-invalid={!!props.problems?.[l] || undefined}
              aria-describedby={props.problems?.[l] ? `${props.id}-${l}-error` : undefined}
              maxLength={props.maxLength ?? 200}
              value={props.values[l] ?? ""}
              onInput={(e) => props.onInput(l, e.currentTarget.value)}
            />
            <Show when={props.problems?.[l]}>
              <span id={`${props.id}-${l}-error`} class="error">
                {props.problems![l]}
              </span>
            </Show>
          </div>
        )}
      </For>
    </div>
  );
}

/** The zh-CN | en header above rows of LocalizedInputs. */
export function LocalizedHeader(props: { first: string }) {
  return (
    <div class="localized-row localized-head" aria-hidden="true">
      <span class="localized-name">{props.first}</span>
      <For each={locales}>{(l) => <span>{messageIn(l, "shell.languageName")}</span>}</For>
    </div>
  );
}
