import { createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { ApiFailure } from "../api/api-failure.ts";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import { locale, t } from "../i18n/i18n.ts";
import { guardLeaving } from "../router/router.ts";
import type { PermissionAction, PermissionProblem, Role } from "./admin-types.ts";
import { PermissionMatrix } from "./permission-matrix.tsx";
import { draftOf, permissionsOf, problemWhere, type RoleDraft } from "./role-draft.ts";
import { FormFooter } from "./form-footer.tsx";

/**
 * A new role or an existing one: key (fixed once made), name and the
 * permission matrix. The server validates the permissions; what it refuses
 * is listed by place and marked on the matrix. A saved change applies to
 * the role's users on their next request.
 */
export function RoleEditor(props: {
  role?: Role;
  onDone: (saved: Role) => void;
  onCancel: () => void;
}) {
  const [key, setKey] = createSignal(props.role?.key ?? "");
  const [name, setName] = createSignal(props.role?.name ?? "");
  const [draft, setDraft] = createStore<RoleDraft>(draftOf(props.role?.permissions ?? {}, meta()!));
  const [problems, setProblems] = createSignal<PermissionProblem[]>([]);
  const [failure, setFailure] = createSignal("");
  // The engine's list, named in the screen's language: asked again when the language changes.
  const [actions] = createResource(locale, () =>
    api<{ items: PermissionAction[] }>("GET", "/api/admin/roles/actions").then((r) => r.items),
  );
  const update = (change: (d: RoleDraft) => void) => setDraft(produce(change));
  const snapshot = () => JSON.stringify([key(), name(), draft]);
  const initial = snapshot();
  onCleanup(guardLeaving(() => snapshot() !== initial));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setProblems([]);
    setFailure("");
    const permissions = permissionsOf(draft);
    try {
      const saved = props.role
        ? await api<Role>("PATCH", `/api/admin/roles/${props.role.id}`, {
            name: name().trim(),
            permissions,
          })
        : await api<Role>("POST", "/api/admin/roles", {
            key: key().trim(),
            name: name().trim(),
            permissions,
          });
      props.onDone(saved);
    } catch (err) {
      const details = err instanceof ApiFailure ? err.details : null;
      const listed = (details as { problems?: PermissionProblem[] } | null)?.problems;
      if (listed) setProblems(listed);
      else if (err instanceof ApiFailure && err.fieldProblems.length > 0)
        setFailure(err.fieldProblems.map((p) => `${p.field}: ${p.message}`).join("; "));
      else setFailure(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <form class="panel role-editor" onSubmit={submit} aria-labelledby="role-form-title">
      <h2 id="role-form-title">
        {props.role
          ? t("admin.roles.editTitle", { name: props.role.name })
          : t("admin.roles.newTitle")}
      </h2>
      <div class="form-grid">
        <div class="field">
          <label for="role-key">{t("admin.roles.key")}</label>
          <input
            id="role-key"
            required
            pattern="[a-z][a-z0-9_]{0,39}"
            readOnly={!!props.role}
            value={key()}
            aria-describedby="role-key-help"
            onInput={(e) => setKey(e.currentTarget.value)}
          />
          <span id="role-key-help" class="help">
            {t("admin.roles.keyHelp")}
          </span>
        </div>
        <div class="field">
          <label for="role-name">{t("admin.roles.name")}</label>
          <input
            id="role-name"
            required
            maxLength={100}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
      </div>
      <Show when={actions.latest}>
        {(list) => (
          <PermissionMatrix
            meta={meta()!}
            actions={list()}
            draft={draft}
            problems={problems()}
            update={update}
          />
        )}
      </Show>
      <Show when={problems().length > 0}>
        <div role="alert" class="banner">
          <p>{t("admin.roles.invalid")}</p>
          <ul>
            <For each={problems()}>
              {(p) => (
                <li>
                  {problemWhere(p, draft, meta()!)}: {p.rule}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
      <FormFooter failure={failure()} onCancel={() => props.onCancel()} />
    </form>
  );
}
