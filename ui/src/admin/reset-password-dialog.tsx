import { createSignal, onMount, Show } from "solid-js";
import { api } from "../api/http.ts";
import { t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import type { AdminUser } from "./admin-types.ts";

/** An admin sets a user's new password; the user's sessions end (the server's doing). */
export function ResetPasswordDialog(props: { user: AdminUser; onClose: (done: boolean) => void }) {
  let dialog!: HTMLDialogElement;
  const [password, setPassword] = createSignal("");
  const [message, setMessage] = createSignal("");
  let done = false;
  onMount(() => dialog.showModal());
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    try {
      await api("POST", `/api/admin/users/${props.user.id}/password`, { password: password() });
      done = true;
      dialog.close();
    } catch (err) {
      setMessage(errorText(err));
    }
  };
  return (
    <dialog ref={dialog} aria-labelledby="reset-title" onClose={() => props.onClose(done)}>
      <form onSubmit={submit} class="stack">
        <h2 id="reset-title">{t("admin.users.resetTitle", { name: props.user.username })}</h2>
        <label for="reset-password">{t("admin.users.newPassword")}</label>
        <input
          id="reset-password"
          type="password"
          autocomplete="new-password"
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <Show when={message()}>
          <p role="alert" class="error">
            {message()}
          </p>
        </Show>
        <div class="actions">
          <button type="button" onClick={() => dialog.close()}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="primary">
            {t("admin.users.resetPassword")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
