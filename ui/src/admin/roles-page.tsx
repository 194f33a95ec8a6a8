import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/http.ts";
import { t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import type { Role } from "./admin-types.ts";
import { RoleEditor } from "./role-editor.tsx";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";

/** Roles: the named permission sets, how many users hold each; new, edit, delete. */
export function RolesPage() {
  const [roles, { refetch }] = createResource(() =>
    api<{ items: Role[] }>("GET", "/api/admin/roles").then((r) => r.items),
  );
  const [editing, setEditing] = createSignal<Role | "new">();
  const [message, setMessage] = createSignal<PageMessageValue>();

  const saved = async (role: Role) => {
    setEditing(undefined);
    await refetch();
    setMessage({ text: t("admin.roles.saved", { name: role.name }), error: false });
  };
  const remove = async (role: Role) => {
    if (!window.confirm(t("admin.roles.deleteConfirm", { name: role.name }))) return;
    try {
      await api("DELETE", `/api/admin/roles/${role.id}`);
      setMessage({ text: t("admin.roles.deleted", { name: role.name }), error: false });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
    await refetch();
  };

  return (
    <section class="admin-page" aria-labelledby="roles-title">
      <header class="page-header">
        <h1 id="roles-title">{t("admin.menu.roles")}</h1>
        <div class="actions">
          <button type="button" class="primary" onClick={() => setEditing("new")}>
            {t("admin.roles.new")}
          </button>
        </div>
      </header>
      <PageMessage message={message()} />
      <Show when={editing()} keyed>
        {(target) => (
          <RoleEditor
            role={target === "new" ? undefined : target}
            onDone={(r) => void saved(r)}
            onCancel={() => setEditing(undefined)}
          />
        )}
      </Show>
      <div class="table-wrap">
        <table class="admin-table">
          <caption class="visually-hidden">{t("admin.menu.roles")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.roles.key")}</th>
              <th scope="col">{t("admin.roles.name")}</th>
              <th scope="col">{t("admin.roles.users")}</th>
              <th scope="col">{t("admin.users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            <Show when={roles.latest?.length === 0}>
              <tr>
                <td colSpan={4} class="empty">
                  {t("admin.roles.none")}
                </td>
              </tr>
            </Show>
            <For each={roles.latest ?? []}>
              {(role) => (
                <tr>
                  <td class="mono">{role.key}</td>
                  <td>{role.name}</td>
                  <td>{role.userCount}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      aria-label={`${t("common.edit")} ${role.name}`}
                      onClick={() => setEditing(role)}
                    >
                      {t("common.edit")}
                    </button>
                    <button
                      type="button"
                      class="danger"
                      aria-label={`${t("common.delete")} ${role.name}`}
                      onClick={() => void remove(role)}
                    >
                      {t("common.delete")}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
