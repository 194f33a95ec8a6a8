import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { installShortcuts, shortcutList } from "./shortcuts.ts";
import "./keyboard.css";

/** Installs the shortcuts for the shell's lifetime and shows their list on `?` (Escape closes). */
export function KeyboardHelp() {
  const [open, setOpen] = createSignal(false);
  onCleanup(installShortcuts(() => setOpen(true)));
  return (
    <Show when={open()}>
      <HelpDialog onClose={() => setOpen(false)} />
    </Show>
  );
}

function HelpDialog(props: { onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  return (
    <dialog
      ref={dialog}
      class="keyboard-help"
      aria-labelledby="keyboard-help-title"
      onClose={props.onClose}
    >
      <h2 id="keyboard-help-title">{t("tools.help")}</h2>
      <table>
        <tbody>
          <For each={shortcutList}>
            {(s) => (
              <tr>
                <th scope="row">
                  <For each={s.keys}>{(k) => <kbd>{k}</kbd>}</For>
                </th>
                <td>{t(s.what)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" autofocus>
          {t("common.close")}
        </button>
      </form>
    </dialog>
  );
}
