import { createEffect, createSignal, For, onCleanup, Show } from "solid-js";
import type { EntityView } from "../../../metadata/types.gen.ts";
import { fieldLabel, t } from "../i18n/i18n.ts";
import { candidateColumns } from "./column-prefs.ts";

/**
 * Shows, hides and reorders a list's columns. Shown columns come first in
 * their order, with buttons to move them; the others follow, unchecked.
 * Every change is handed to `onChange` (the list saves it for the user).
 */
export function ColumnChooser(props: {
  entity: EntityView;
  shown: string[];
  onChange: (shown: string[] | null) => void;
}) {
  const [open, setOpen] = createSignal(false);
  const hidden = () => candidateColumns(props.entity).filter((f) => !props.shown.includes(f));
  const label = (f: string) => fieldLabel(props.entity, f);
  const toggle = (field: string, on: boolean) =>
    props.onChange(on ? [...props.shown, field] : props.shown.filter((f) => f !== field));
  const move = (index: number, by: number) => {
    const next = [...props.shown];
    const [field] = next.splice(index, 1);
    next.splice(index + by, 0, field!);
    props.onChange(next);
  };
  let button!: HTMLButtonElement;
  // Escape closes it, as every popover, and gives the focus back to its button; heard on
  // the document, because a ticked box moves to the other list and the focus with it is lost.
  const onEscape = (e: KeyboardEvent) => {
    if (e.key !== "Escape") return;
    setOpen(false);
    button.focus();
  };
  createEffect(() => {
    if (!open()) return;
    document.addEventListener("keydown", onEscape);
    onCleanup(() => document.removeEventListener("keydown", onEscape));
  });
  return (
    <div class="popover-anchor">
      <button
        ref={button}
        type="button"
        aria-expanded={open()}
        aria-controls="column-chooser"
        onClick={() => setOpen(!open())}
      >
        {t("list.columns")}
      </button>
      <Show when={open()}>
        <div id="column-chooser" class="popover" role="group" aria-label={t("list.columns")}>
          <ul class="plain">
            <For each={props.shown}>
              {(field, i) => (
                <li class="column-row">
                  <label>
                    <input
                      type="checkbox"
                      checked
                      disabled={props.shown.length === 1}
                      onChange={() => toggle(field, false)}
                    />
                    {label(field)}
                  </label>
                  <button
                    type="button"
                    class="icon"
                    aria-label={t("list.moveUp", { field: label(field) })}
                    disabled={i() === 0}
                    onClick={() => move(i(), -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="icon"
                    aria-label={t("list.moveDown", { field: label(field) })}
                    disabled={i() === props.shown.length - 1}
                    onClick={() => move(i(), 1)}
                  >
                    ↓
                  </button>
                </li>
              )}
            </For>
            <For each={hidden()}>
              {(field) => (
                <li class="column-row">
                  <label>
                    <input type="checkbox" onChange={() => toggle(field, true)} />
                    {label(field)}
                  </label>
                </li>
              )}
            </For>
          </ul>
          <button type="button" onClick={() => props.onChange(null)}>
            {t("list.resetColumns")}
          </button>
        </div>
      </Show>
    </div>
  );
}
