import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/http.ts";
import { locale, t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import type { AccessExplanation, AdminUser } from "./admin-types.ts";
import { isAdmin } from "./is-admin.ts";
import { previewing } from "./preview-state.ts";

/**
 * "Who can see this record?" on a record's page (admins): pick a user, and the
 * engine says whether they see, change and delete it, and the rules that
 * grant or deny it, in the current language.
 */
export function WhyAccess(props: { entity: string; id: string }) {
  const [open, setOpen] = createSignal(false);
  const [user, setUser] = createSignal("");
  const [users] = createResource(open, () =>
    api<{ items: AdminUser[] }>("GET", "/api/admin/users").then((r) => r.items),
  );
  const [answer, setAnswer] = createSignal<AccessExplanation>();
  const [failure, setFailure] = createSignal("");
  const explain = async (event: SubmitEvent) => {
    event.preventDefault();
    setFailure("");
    setAnswer(undefined);
    const q = new URLSearchParams({ user: user(), entity: props.entity, id: props.id });
    try {
      setAnswer(await api<AccessExplanation>("GET", `/api/admin/access/why?${q}`));
    } catch (err) {
      setFailure(errorText(err));
    }
  };
  const yesNo = (value: boolean) => (value ? t("common.yes") : t("common.no"));

  return (
    <Show when={isAdmin() && !previewing()}>
      <section class="section why-access" aria-labelledby="why-title">
        <h2 id="why-title">
          <button type="button" aria-expanded={open()} onClick={() => setOpen(!open())}>
            {t("admin.why.title")}
          </button>
        </h2>
        <Show when={open()}>
          <form class="inline-form" onSubmit={explain}>
            <label for="why-user">{t("admin.why.user")}</label>
            <select id="why-user" required onChange={(e) => setUser(e.currentTarget.value)}>
              <option value="" selected={user() === ""}>
                {t("admin.why.pickUser")}
              </option>
              <For each={users.latest ?? []}>
                {(u) => (
                  <option value={u.id} selected={user() === u.id}>
                    {u.displayName ?? u.username} ({u.username})
                  </option>
                )}
              </For>
            </select>
            <button type="submit" class="primary">
              {t("admin.why.explain")}
            </button>
          </form>
          <Show when={failure()}>
            <p role="alert" class="error">
              {failure()}
            </p>
          </Show>
          <Show when={answer()}>
            {(a) => (
              <div class="why-answer" aria-live="polite">
                <dl class="verdict">
                  <dt>{t("admin.why.visible")}</dt>
                  <dd classList={{ denied: !a().visible }}>{yesNo(a().visible)}</dd>
                  <dt>{t("admin.why.canUpdate")}</dt>
                  <dd classList={{ denied: !a().canUpdate }}>{yesNo(a().canUpdate)}</dd>
                  <dt>{t("admin.why.canDelete")}</dt>
                  <dd classList={{ denied: !a().canDelete }}>{yesNo(a().canDelete)}</dd>
                  <dt>{t("admin.why.canManage")}</dt>
                  <dd classList={{ denied: !a().canManage }}>{yesNo(a().canManage)}</dd>
                </dl>
                <ul class="reasons">
                  <For each={a().reasons}>
                    {(r) => (
                      <li classList={{ grants: r.grants, denies: !r.grants }}>
                        <span class="mark" aria-hidden="true">
                          {r.grants ? "✓" : "✗"}
                        </span>
                        <span class="visually-hidden">
                          {r.grants ? t("admin.why.grants") : t("admin.why.denies")}:
                        </span>{" "}
                        {r[locale()]}
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            )}
          </Show>
        </Show>
      </section>
    </Show>
  );
}
