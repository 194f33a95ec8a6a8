import { createSignal, For, Show } from "solid-js";
import type { EntityView, MetaView } from "../api/meta-types.ts";
import { entityLabel, fieldLabel, locale, t } from "../i18n/i18n.ts";
import {
  roleScopes,
  type PermissionAction,
  type PermissionProblem,
  type RoleScope,
} from "./admin-types.ts";
import { FieldRules } from "./field-rules.tsx";
import { problemPlace, scopeLabel, type RoleDraft } from "./role-draft.ts";

/**
 * The role's grants as a matrix: per module a "visible" box, per entity of
 * it the actions (those the engine lists and offers), the scope and
 * (folded) its field rules. Server problems show on the row they point at.
 */
export function PermissionMatrix(props: {
  meta: MetaView;
  actions: PermissionAction[];
  draft: RoleDraft;
  problems: PermissionProblem[];
  update: (change: (draft: RoleDraft) => void) => void;
}) {
  const [open, setOpen] = createSignal(new Set<string>());
  const offered = () => props.actions.filter((a) => a.offered);
  const toggleOpen = (key: string) => {
    const next = new Set(open());
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setOpen(next);
  };
  // The module's menu order first, then its entities without a menu entry.
  const entitiesOf = (module: string) => {
    const menu = props.meta.modules.find((m) => m.key === module)?.menu ?? [];
    const rank = (key: string) => {
      const at = menu.findIndex((item) => item.entity === key);
      return at < 0 ? menu.length : at;
    };
    return Object.values(props.meta.entities)
      .filter((e) => e.module === module)
      .sort((a, b) => rank(a.key) - rank(b.key));
  };
  const rowProblems = (entity: string) =>
    props.problems.filter((p) => {
      const place = problemPlace(p.pointer);
      return place.entity === entity && !place.field;
    });
  const moduleProblems = (module: string) =>
    props.problems.filter((p) => {
      const place = problemPlace(p.pointer);
      return place.module !== undefined && props.draft.modules[place.module] === module;
    });

  const setAction = (entity: string, action: string, on: boolean) =>
    props.update((d) => {
      const grant = d.entities[entity]!;
      const module = props.meta.entities[entity]!.module;
      if (!on) {
        // Every other action needs read: without read, nothing is left.
        grant.actions = action === "read" ? [] : grant.actions.filter((a) => a !== action);
        return;
      }
      const wanted = new Set([...grant.actions, action, "read"]);
      grant.actions = props.actions.map((a) => a.key).filter((a) => wanted.has(a));
      // The narrowest scope to start from; the module must show for the entity to.
      if (!grant.scope) grant.scope = "own";
      if (!d.modules.includes(module)) d.modules.push(module);
    });

  const entityRow = (entity: EntityView) => {
    const grant = () => props.draft.entities[entity.key]!;
    const name = () => entityLabel(entity, true);
    const errorId = `matrix-${entity.key}-error`;
    return (
      <>
        <tr classList={{ invalid: rowProblems(entity.key).length > 0 }}>
          <th scope="row">
            {name()}
            <For each={rowProblems(entity.key)}>
              {(p) => (
                <span class="error" id={errorId}>
                  {p.rule}
                </span>
              )}
            </For>
          </th>
          <For each={offered()}>
            {(action) => (
              <td class="check">
                <input
                  type="checkbox"
                  aria-label={`${name()}: ${action.label}`}
                  checked={grant().actions.includes(action.key)}
                  onChange={(e) => setAction(entity.key, action.key, e.currentTarget.checked)}
                />
              </td>
            )}
          </For>
          <td>
            <select
              aria-label={`${name()}: ${t("admin.roles.scope")}`}
              aria-invalid={rowProblems(entity.key).some((p) => p.pointer.endsWith("/scope"))}
              aria-describedby={rowProblems(entity.key).length > 0 ? errorId : undefined}
              onChange={(e) => {
                const scope = e.currentTarget.value as RoleScope | "";
                props.update((d) => {
                  d.entities[entity.key]!.scope = scope;
                });
              }}
            >
              <option value="" selected={grant().scope === ""}>
                {t("common.none")}
              </option>
              <For each={roleScopes}>
                {(s) => (
                  <option value={s} selected={grant().scope === s}>
                    {scopeLabel(s)}
                  </option>
                )}
              </For>
            </select>
          </td>
          <td>
            <button
              type="button"
              aria-expanded={open().has(entity.key)}
              aria-controls={`rules-${entity.key}`}
              aria-label={`${name()}: ${t("admin.roles.fieldRules")}`}
              onClick={() => toggleOpen(entity.key)}
            >
              {t("admin.roles.fieldRules")}
              <Show when={Object.keys(grant().fields).length > 0}>
                {` (${Object.keys(grant().fields).length})`}
              </Show>
            </button>
          </td>
        </tr>
        <Show when={open().has(entity.key)}>
          <tr id={`rules-${entity.key}`} class="rules-row">
            <td colSpan={offered().length + 3}>
              <FieldRules
                entity={entity}
                rules={grant().fields}
                problems={props.problems.filter(
                  (p) => problemPlace(p.pointer).entity === entity.key,
                )}
                label={(field) => `${name()} › ${fieldLabel(entity, field)}`}
                onChange={(field, rule) =>
                  props.update((d) => {
                    const fields = d.entities[entity.key]!.fields;
                    if (rule) fields[field] = rule;
                    else delete fields[field];
                  })
                }
              />
            </td>
          </tr>
        </Show>
      </>
    );
  };

  return (
    <div class="table-wrap">
      <table class="admin-table matrix">
        <caption class="visually-hidden">{t("admin.roles.permissions")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.roles.entity")}</th>
            <For each={offered()}>{(a) => <th scope="col">{a.label}</th>}</For>
            <th scope="col">{t("admin.roles.scope")}</th>
            <th scope="col">{t("admin.roles.fieldRules")}</th>
          </tr>
        </thead>
        <For each={props.meta.modules}>
          {(module) => (
            <tbody>
              <tr class="module-row">
                <th scope="rowgroup" colSpan={offered().length + 3}>
                  <label class="choice">
                    <input
                      type="checkbox"
                      checked={props.draft.modules.includes(module.key)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        props.update((d) => {
                          d.modules = on
                            ? [...d.modules, module.key]
                            : d.modules.filter((m) => m !== module.key);
                        });
                      }}
                    />
                    {t("admin.roles.moduleVisible", { module: module.labels[locale()] })}
                  </label>
                  <For each={moduleProblems(module.key)}>
                    {(p) => <span class="error">{p.rule}</span>}
                  </For>
                </th>
              </tr>
              <For each={entitiesOf(module.key)}>{(entity) => entityRow(entity)}</For>
            </tbody>
          )}
        </For>
      </table>
    </div>
  );
}
