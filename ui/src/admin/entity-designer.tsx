import { createResource, createSignal, For, Show } from "solid-js";
import type { Labels, Locale } from "../../../metadata/types.gen.ts";
import { api } from "../api/http.ts";
import { loadMeta } from "../api/meta-store.ts";
import { locale, t } from "../i18n/i18n.ts";
import { Link } from "../router/link.tsx";
import { navigate } from "../router/router.ts";
import { errorText } from "./admin-error.ts";
import { adminPath } from "./admin-paths.ts";
import type { Role } from "./admin-types.ts";
import { designerProblems } from "./designer-problems.ts";
import type {
  DesignerEntity,
  DesignerEntitySummary,
  DesignerField,
  FieldTypeEntry,
} from "./designer-types.ts";
import { FieldEditor } from "./field-editor.tsx";
import { EntityLabels } from "./entity-labels.tsx";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";

/** The flags a field row shows, in this order, when set. */
const flagKeys = ["required", "unique", "readOnly", "hidden"] as const;

/**
 * One entity in the designer: its names and section names per language, and
 * every field (hidden ones too) with its type, flags and origin; a field is
 * added, edited, hidden or shown again here.
 */
export function EntityDesigner(props: {
  entityKey: string;
  entities: DesignerEntitySummary[];
  types: FieldTypeEntry[];
  roles: Role[];
}) {
  const [entity, { refetch }] = createResource(
    () => props.entityKey,
    (key) => api<DesignerEntity>("GET", `/api/admin/entities/${key}`),
  );
  const [editing, setEditing] = createSignal<DesignerField | "new">();
  const [message, setMessage] = createSignal<PageMessageValue>();
  const [rowProblems, setRowProblems] = createSignal<Record<string, string>>({});

  const labelsOf = (l: Locale): Labels => entity.latest?.labels[l] ?? {};
  const fieldName = (entityKey: string, field: string) => {
    if (entityKey === props.entityKey)
      return labelsOf(locale()).fields?.[field] ?? labelsOf("en").fields?.[field] ?? field;
    return `${entityName(entityKey)} · ${field}`;
  };
  const entityName = (key: string) =>
    props.entities.find((e) => e.key === key)?.labels[locale()].entity ?? key;
  const sectionName = (key: string) => labelsOf(locale()).sections?.[key] ?? key;
  const typeName = (key: string) =>
    props.types.find((ty) => ty.key === key)?.labels[locale()] ?? key;

  const archive = async () => {
    const name = entityName(props.entityKey);
    if (!window.confirm(t("admin.newEntity.archiveConfirm", { name }))) return;
    try {
      await api("DELETE", `/api/admin/entities/${props.entityKey}`);
      await loadMeta();
      navigate(adminPath("entities"));
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
  };

  const saved = async (key: string, wasNew: boolean) => {
    setEditing(undefined);
    await refetch();
    const name = fieldName(props.entityKey, key);
    setMessage({
      text: t(wasNew ? "admin.designer.added" : "admin.designer.saved", { name }),
      error: false,
    });
  };
  const toggleHidden = async (f: DesignerField) => {
    setRowProblems((p) => ({ ...p, [f.key]: "" }));
    const hidden = !f.definition.hidden;
    try {
      await api("PATCH", `/api/admin/entities/${props.entityKey}/fields/${f.key}`, { hidden });
      await loadMeta();
      await refetch();
      // The table was drawn anew: the keyboard stays on the row's button.
      document.getElementById(`toggle-${f.key}`)?.focus();
      setMessage({
        text: t(hidden ? "admin.designer.hiddenDone" : "admin.designer.shownDone", {
          name: fieldName(props.entityKey, f.key),
        }),
        error: false,
      });
    } catch (err) {
      const problems = designerProblems(err, f.key, ["hidden"]);
      setRowProblems((p) => ({ ...p, [f.key]: Object.values(problems).join("; ") }));
    }
  };

  return (
    <section class="admin-page entity-designer" aria-labelledby="entity-designer-title">
      <header class="page-header">
        <h1 id="entity-designer-title">
          {t("admin.designer.entityTitle", { name: entityName(props.entityKey) })}
        </h1>
        <div class="actions">
          <Link href={adminPath("entities")}>{t("admin.designer.allEntities")}</Link>
          <Show when={props.entities.find((e) => e.key === props.entityKey)?.custom}>
            <button type="button" class="danger" onClick={() => void archive()}>
              {t("admin.newEntity.archive")}
            </button>
          </Show>
          <button type="button" class="primary" onClick={() => setEditing("new")}>
            {t("admin.designer.addField")}
          </button>
        </div>
      </header>
      <PageMessage message={message()} />
      <Show when={entity.latest} keyed>
        {(e) => (
          <>
            <Show when={editing()} keyed>
              {(target) => (
                <FieldEditor
                  entity={e}
                  field={target === "new" ? undefined : target}
                  types={props.types}
                  entities={props.entities.map((x) => ({
                    key: x.key,
                    name: x.labels[locale()].entity,
                  }))}
                  roles={props.roles}
                  sectionName={sectionName}
                  fieldName={fieldName}
                  onSaved={(key) => void saved(key, target === "new")}
                  onCancel={() => setEditing(undefined)}
                />
              )}
            </Show>
            <div class="table-wrap">
              <table class="admin-table designer-fields">
                <caption class="visually-hidden">{t("admin.designer.fields")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("admin.designer.fieldName")}</th>
                    <th scope="col">{t("admin.designer.key")}</th>
                    <th scope="col">{t("admin.designer.type")}</th>
                    <th scope="col">{t("admin.designer.flags")}</th>
                    <th scope="col">{t("admin.designer.origin")}</th>
                    <th scope="col">{t("admin.users.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={e.fields}>
                    {(f) => (
                      <tr classList={{ "muted-row": f.definition.hidden === true }}>
                        <th scope="row">{fieldName(e.key, f.key)}</th>
                        <td class="mono">{f.key}</td>
                        <td>{typeName(f.definition.type)}</td>
                        <td>
                          {flagKeys
                            .filter((k) => f.definition[k] === true)
                            .map((k) => t(`admin.designer.prop.${k}`))
                            .join(" · ")}
                        </td>
                        <td>{t(f.base ? "admin.designer.base" : "admin.designer.custom")}</td>
                        <td class="row-actions">
                          <button
                            type="button"
                            aria-label={`${t("common.edit")} ${fieldName(e.key, f.key)}`}
                            onClick={() => setEditing(f)}
                          >
                            {t("common.edit")}
                          </button>
                          <button
                            type="button"
                            id={`toggle-${f.key}`}
                            aria-label={`${t(f.definition.hidden ? "admin.designer.show" : "admin.designer.hide")} ${fieldName(e.key, f.key)}`}
                            aria-describedby={
                              rowProblems()[f.key] ? `row-${f.key}-error` : undefined
                            }
                            onClick={() => void toggleHidden(f)}
                          >
                            {t(f.definition.hidden ? "admin.designer.show" : "admin.designer.hide")}
                          </button>
                          <Show when={rowProblems()[f.key]}>
                            <span id={`row-${f.key}-error`} class="error" role="alert">
                              {rowProblems()[f.key]}
                            </span>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <EntityLabels
              entity={e}
              onSaved={async () => {
                await refetch();
                setMessage({ text: t("admin.designer.namesSaved"), error: false });
              }}
            />
          </>
        )}
      </Show>
    </section>
  );
}
