import { createSignal, For, Show } from "solid-js";
import type { Locale } from "../../../metadata/types.gen.ts";
import { t } from "../i18n/i18n.ts";
import type { PerLocale } from "./designer-types.ts";
import { LocalizedInputs } from "./localized-inputs.tsx";

/**
 * An enum's options in the order pickers and filters show them: moved with
 * up/down buttons (focus follows the moved option), each labelled per
 * language. Options the field already stores cannot be removed (records may
 * hold them), only new ones.
 */
export function OptionsEditor(props: {
  id: string;
  options: string[];
  kept: readonly string[];
  labels: Record<string, Partial<PerLocale<string>>>;
  pattern: string | undefined;
  problem: string | undefined;
  problems: Record<string, string>;
  onChange: (options: string[]) => void;
  onLabel: (option: string, l: Locale, value: string) => void;
}) {
  const [newKey, setNewKey] = createSignal("");
  const [keyProblem, setKeyProblem] = createSignal<string>();
  const buttonId = (option: string, dir: string) => `${props.id}-${option}-${dir}`;
  const move = (index: number, by: -1 | 1, dir: string) => {
    const next = [...props.options];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    props.onChange(next);
    // The button may be gone at the ends: focus the one that still moves it.
    queueMicrotask(() => {
      const same = document.getElementById(buttonId(moved!, dir)) as HTMLButtonElement | null;
      const other = document.getElementById(buttonId(moved!, dir === "up" ? "down" : "up"));
      (same && !same.disabled ? same : other)?.focus();
    });
  };
  const add = () => {
    const key = newKey().trim();
    if (!key) return;
    if (props.pattern && !new RegExp(props.pattern).test(key))
      return setKeyProblem(t("admin.designer.optionKeyRule"));
    if (props.options.includes(key)) return setKeyProblem(t("admin.designer.optionKeyUsed"));
    setKeyProblem(undefined);
    props.onChange([...props.options, key]);
    setNewKey("");
  };
  return (
    <fieldset
      class="options-editor"
      aria-describedby={props.problem ? `${props.id}-error` : undefined}
    >
      <legend>{t("admin.designer.options")}</legend>
      <Show when={props.problem}>
        <p id={`${props.id}-error`} class="error">
          {props.problem}
        </p>
      </Show>
      <ol class="plain">
        <For each={props.options}>
          {(option, index) => (
            <li class="option-row">
              <span class="mono">{option}</span>
              <LocalizedInputs
                id={`${props.id}-${option}`}
                name={t("admin.designer.optionLabel", { option })}
                values={props.labels[option] ?? {}}
                onInput={(l, v) => props.onLabel(option, l, v)}
                problems={{
                  "zh-CN": props.problems[`option.${option}.zh-CN`],
                  en: props.problems[`option.${option}.en`],
                }}
              />
              <button
                type="button"
                id={buttonId(option, "up")}
                disabled={index() === 0}
                aria-label={t("admin.designer.moveUp", { option })}
                onClick={() => move(index(), -1, "up")}
              >
                ↑
              </button>
              <button
                type="button"
                id={buttonId(option, "down")}
                disabled={index() === props.options.length - 1}
                aria-label={t("admin.designer.moveDown", { option })}
                onClick={() => move(index(), 1, "down")}
              >
                ↓
              </button>
              <Show when={!props.kept.includes(option)}>
                <button
                  type="button"
                  class="danger"
                  aria-label={t("admin.designer.removeOption", { option })}
                  onClick={() => props.onChange(props.options.filter((o) => o !== option))}
                >
                  ×
                </button>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <div class="inline-form">
        <input
          id={`${props.id}-new`}
          aria-label={t("admin.designer.newOption")}
          aria-invalid={!!keyProblem() || undefined}
          maxLength={40}
          value={newKey()}
          onInput={(e) => setNewKey(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add}>
          {t("admin.designer.addOption")}
        </button>
        <Show when={keyProblem()}>
          <span class="error" role="alert">
            {keyProblem()}
          </span>
        </Show>
      </div>
    </fieldset>
  );
}
