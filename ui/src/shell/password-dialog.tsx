import { createSignal, onMount, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { changePassword } from "../api/session.ts";
import { t } from "../i18n/i18n.ts";

/** X6: the current password and a new one twice; the server's rules decide, its message shows. */
export function PasswordDialog(props: { onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [repeat, setRepeat] = createSignal("");
  const [message, setMessage] = createSignal("");
  const [done, setDone] = createSignal(false);
  onMount(() => dialog.showModal());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (next() !== repeat()) return setMessage(t("password.mismatch"));
    try {
      await changePassword(current(), next());
      setDone(true);
      setMessage(t("password.changed"));
    } catch (err) {
      const problem = err instanceof ApiFailure ? err.fieldProblems[0] : undefined;
      const fields: Record<string, string> = {
        currentPassword: t("password.current"),
        newPassword: t("password.new"),
      };
      setMessage(
        problem
          ? `${fields[problem.field] ?? problem.field}: ${problem.message}`
          : String((err as Error).message),
      );
    }
  };
  return (
    <dialog ref={dialog} aria-labelledby="password-title" onClose={props.onClose}>
      <form onSubmit={submit} class="stack">
        <h2 id="password-title">{t("shell.changePassword")}</h2>
        <label for="pw-current">{t("password.current")}</label>
        <input
          id="pw-current"
          type="password"
          autocomplete="current-password"
          required
          value={current()}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
        <label for="pw-new">{t("password.new")}</label>
        <input
          id="pw-new"
          type="password"
          autocomplete="new-password"
          required
          minLength={8}
          value={next()}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
        <label for="pw-repeat">{t("password.repeat")}</label>
        <input
          id="pw-repeat"
          type="password"
          autocomplete="new-password"
          required
          value={repeat()}
          onInput={(e) => setRepeat(e.currentTarget.value)}
        />
        <Show when={message()}>
          <p role="alert" classList={{ error: !done() }}>
            {message()}
          </p>
        </Show>
        <div class="actions">
          <button type="button" onClick={() => dialog.close()}>
            {done() ? t("common.close") : t("common.cancel")}
          </button>
          <Show when={!done()}>
            <button type="submit" class="primary">
              {t("common.save")}
            </button>
          </Show>
        </div>
      </form>
    </dialog>
  );
}
