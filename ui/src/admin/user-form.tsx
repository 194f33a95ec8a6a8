import { createSignal, For, onCleanup, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { api } from "../api/http.ts";
import { t, type MessageKey } from "../i18n/i18n.ts";
import { guardLeaving } from "../router/router.ts";
import type { AdminUser, Department, Role } from "./admin-types.ts";
import { FormFooter } from "./form-footer.tsx";

type Draft = {
  username: string;
  password: string;
  displayName: string;
  email: string;
  phone: string;
  title: string;
  department: string;
  manager: string;
  roles: string[];
  isAdmin: boolean;
  isActive: boolean;
};

const draftOf = (u: AdminUser | undefined): Draft => ({
  username: u?.username ?? "",
  password: "",
  displayName: u?.displayName ?? "",
  email: u?.email ?? "",
  phone: u?.phone ?? "",
  title: u?.title ?? "",
  department: u?.department ?? "",
  manager: u?.manager ?? "",
  roles: u?.roles ?? [],
  isAdmin: u?.isAdmin ?? false,
  isActive: u?.isActive ?? true,
});

/** A new user (with a first password) or an existing one's employee data, department, manager, roles and flags. */
export function UserForm(props: {
  user?: AdminUser;
  users: AdminUser[];
  departments: Department[];
  roles: Role[];
  onDone: (saved: AdminUser) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = createSignal(draftOf(props.user));
  const initial = JSON.stringify(draft());
  onCleanup(guardLeaving(() => JSON.stringify(draft()) !== initial));
  const [problems, setProblems] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal("");
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft({ ...draft(), [key]: value });
  const orNull = (v: string) => (v.trim() === "" ? null : v.trim());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const d = draft();
    const common = {
      displayName: d.displayName.trim(),
      email: orNull(d.email),
      phone: orNull(d.phone),
      title: orNull(d.title),
      department: d.department || null,
      manager: d.manager || null,
      isAdmin: d.isAdmin,
      roles: d.roles,
    };
    setProblems({});
    setFailure("");
    try {
      const saved = props.user
        ? await api<AdminUser>("PATCH", `/api/admin/users/${props.user.id}`, {
            ...common,
            isActive: d.isActive,
          })
        : await api<AdminUser>("POST", "/api/admin/users", {
            ...common,
            username: d.username.trim(),
            password: d.password,
          });
      props.onDone(saved);
    } catch (err) {
      const fields = err instanceof ApiFailure ? err.fieldProblems : [];
      setProblems(Object.fromEntries(fields.map((p) => [p.field.split("/")[0], p.message])));
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };

  const text = (key: "username" | "password" | "displayName" | "email" | "phone" | "title") => (
    <div class="field">
      <label for={`user-${key}`}>{t(`admin.users.${key}` as MessageKey)}</label>
      <input
        id={`user-${key}`}
        type={key === "password" ? "password" : key === "email" ? "email" : "text"}
        autocomplete={key === "password" ? "new-password" : "off"}
        required={key === "username" || key === "password" || key === "displayName"}
        value={draft()[key]}
        aria-invalid={!!problems()[key]}
        aria-describedby={problems()[key] ? `user-${key}-error` : undefined}
        onInput={(e) => set(key, e.currentTarget.value)}
      />
      <Show when={problems()[key]}>
        <span id={`user-${key}-error`} class="error">
          {problems()[key]}
        </span>
      </Show>
    </div>
  );
  const indent = (d: Department) => `${"\u00a0\u00a0".repeat(d.depth)}${d.name}`;

  return (
    <form class="panel user-form" onSubmit={submit} aria-labelledby="user-form-title">
      <h2 id="user-form-title">
        {props.user
          ? t("admin.users.editTitle", { name: props.user.username })
          : t("admin.users.newTitle")}
      </h2>
      <div class="form-grid">
        <Show when={!props.user}>
          {text("username")}
          {text("password")}
        </Show>
        {text("displayName")}
        {text("email")}
        {text("phone")}
        {text("title")}
        <div class="field">
          <label for="user-department">{t("admin.users.department")}</label>
          <select
            id="user-department"
            aria-invalid={!!problems().department}
            onChange={(e) => set("department", e.currentTarget.value)}
          >
            <option value="" selected={draft().department === ""}>
              {t("common.none")}
            </option>
            <For each={props.departments}>
              {(d) => (
                <option value={d.id} selected={draft().department === d.id}>
                  {indent(d)}
                </option>
              )}
            </For>
          </select>
          <Show when={problems().department}>
            <span class="error">{problems().department}</span>
          </Show>
        </div>
        <div class="field">
          <label for="user-manager">{t("admin.users.manager")}</label>
          <select
            id="user-manager"
            aria-invalid={!!problems().manager}
            onChange={(e) => set("manager", e.currentTarget.value)}
          >
            <option value="" selected={draft().manager === ""}>
              {t("common.none")}
            </option>
            <For each={props.users.filter((u) => u.id !== props.user?.id)}>
              {(u) => (
                <option value={u.id} selected={draft().manager === u.id}>
                  {u.displayName ?? u.username}
                </option>
              )}
            </For>
          </select>
          <Show when={problems().manager}>
            <span class="error">{problems().manager}</span>
          </Show>
        </div>
      </div>
      <fieldset class="choice-group">
        <legend>{t("admin.users.roles")}</legend>
        <Show
          when={props.roles.length > 0}
          fallback={<span class="muted">{t("admin.users.noRoles")}</span>}
        >
          <For each={props.roles}>
            {(r) => (
              <label class="choice">
                <input
                  type="checkbox"
                  checked={draft().roles.includes(r.id)}
                  onChange={(e) =>
                    set(
                      "roles",
                      e.currentTarget.checked
                        ? [...draft().roles, r.id]
                        : draft().roles.filter((x) => x !== r.id),
                    )
                  }
                />
                {r.name}
              </label>
            )}
          </For>
        </Show>
      </fieldset>
      <div class="choice-group">
        <label class="choice">
          <input
            type="checkbox"
            checked={draft().isAdmin}
            onChange={(e) => set("isAdmin", e.currentTarget.checked)}
          />
          {t("admin.users.isAdmin")}
        </label>
        <Show when={props.user}>
          <label class="choice">
            <input
              type="checkbox"
              checked={draft().isActive}
              onChange={(e) => set("isActive", e.currentTarget.checked)}
            />
            {t("admin.users.isActive")}
          </label>
        </Show>
      </div>
      <FormFooter failure={failure()} onCancel={() => props.onCancel()} />
    </form>
  );
}
