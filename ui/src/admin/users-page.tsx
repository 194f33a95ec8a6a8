import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/http.ts";
import { session } from "../api/session.ts";
import { t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import type { AdminUser, Department, Role } from "./admin-types.ts";
import { enterPreview } from "./preview-state.ts";
import { ResetPasswordDialog } from "./reset-password-dialog.tsx";
import { UserForm } from "./user-form.tsx";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";

const get = <T,>(path: string) => api<{ items: T[] }>("GET", path).then((r) => r.items);

/** Users: who they are, where they sit, what roles they hold; create, change, disable, reset, view as. */
export function UsersPage() {
  const [users, { refetch }] = createResource(() => get<AdminUser>("/api/admin/users"));
  const [departments] = createResource(() => get<Department>("/api/admin/departments"));
  const [roles] = createResource(() => get<Role>("/api/admin/roles"));
  const [editing, setEditing] = createSignal<AdminUser | "new">();
  const [resetting, setResetting] = createSignal<AdminUser>();
  const [message, setMessage] = createSignal<PageMessageValue>();
  const [search, setSearch] = createSignal("");
  const shown = () => {
    const q = search().trim().toLowerCase();
    return (users.latest ?? []).filter(
      (u) =>
        !q || `${u.username} ${u.displayName ?? ""} ${u.email ?? ""}`.toLowerCase().includes(q),
    );
  };
  const name = (u: AdminUser) => u.displayName ?? u.username;
  const userName = (id: string | null) => {
    const u = users.latest?.find((x) => x.id === id);
    return u ? name(u) : "";
  };
  const departmentName = (id: string | null) =>
    departments.latest?.find((d) => d.id === id)?.name ?? "";
  const roleNames = (ids: string[]) =>
    ids.map((id) => roles.latest?.find((r) => r.id === id)?.name ?? id).join(", ");

  const saved = async (u: AdminUser) => {
    setEditing(undefined);
    await refetch();
    setMessage({ text: t("admin.users.saved", { name: u.username }), error: false });
  };
  const setActive = async (u: AdminUser, isActive: boolean) => {
    try {
      await api("PATCH", `/api/admin/users/${u.id}`, { isActive });
      setMessage({
        text: t(isActive ? "admin.users.enabled" : "admin.users.disabled", { name: u.username }),
        error: false,
      });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
    await refetch();
  };

  return (
    <section class="admin-page" aria-labelledby="users-title">
      <header class="page-header">
        <h1 id="users-title">{t("admin.menu.users")}</h1>
        <div class="actions">
          <input
            type="search"
            aria-label={t("admin.users.search")}
            placeholder={t("admin.users.search")}
            value={search()}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
          <button type="button" class="primary" onClick={() => setEditing("new")}>
            {t("admin.users.new")}
          </button>
        </div>
      </header>
      <PageMessage message={message()} />
      <Show when={editing()} keyed>
        {(target) => (
          <UserForm
            user={target === "new" ? undefined : target}
            users={users.latest ?? []}
            departments={departments.latest ?? []}
            roles={roles.latest ?? []}
            onDone={(u) => void saved(u)}
            onCancel={() => setEditing(undefined)}
          />
        )}
      </Show>
      <div class="table-wrap">
        <table class="admin-table">
          <caption class="visually-hidden">{t("admin.menu.users")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.users.username")}</th>
              <th scope="col">{t("admin.users.displayName")}</th>
              <th scope="col">{t("admin.users.department")}</th>
              <th scope="col">{t("admin.users.manager")}</th>
              <th scope="col">{t("admin.users.roles")}</th>
              <th scope="col">{t("admin.users.status")}</th>
              <th scope="col">{t("admin.users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(u) => (
                <tr classList={{ inactive: !u.isActive }}>
                  <td>{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{departmentName(u.department)}</td>
                  <td>{userName(u.manager)}</td>
                  <td>{roleNames(u.roles)}</td>
                  <td>
                    {u.isActive ? t("admin.users.active") : t("admin.users.inactive")}
                    {u.isAdmin ? ` · ${t("admin.users.admin")}` : ""}
                  </td>
                  <td class="row-actions">
                    <button
                      type="button"
                      aria-label={`${t("common.edit")} ${u.username}`}
                      onClick={() => setEditing(u)}
                    >
                      {t("common.edit")}
                    </button>
                    <button
                      type="button"
                      aria-label={`${t("admin.users.resetPassword")} ${u.username}`}
                      onClick={() => setResetting(u)}
                    >
                      {t("admin.users.resetPassword")}
                    </button>
                    <Show when={u.id !== session()?.user.id}>
                      <button
                        type="button"
                        aria-label={`${t(u.isActive ? "admin.users.disable" : "admin.users.enable")} ${u.username}`}
                        onClick={() => void setActive(u, !u.isActive)}
                      >
                        {t(u.isActive ? "admin.users.disable" : "admin.users.enable")}
                      </button>
                      <button
                        type="button"
                        aria-label={`${t("admin.users.viewAs")} ${u.username}`}
                        onClick={() =>
                          enterPreview({ id: u.id, name: name(u) }).catch((err: unknown) =>
                            setMessage({ text: errorText(err), error: true }),
                          )
                        }
                      >
                        {t("admin.users.viewAs")}
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={resetting()} keyed>
        {(u) => (
          <ResetPasswordDialog
            user={u}
            onClose={(done) => {
              setResetting(undefined);
              if (done)
                setMessage({ text: t("admin.users.reset", { name: u.username }), error: false });
            }}
          />
        )}
      </Show>
    </section>
  );
}
