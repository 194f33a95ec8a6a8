import { createResource, createSignal, For, Index, Show } from "solid-js";
import { locales } from "../../../metadata/locale.ts";
import type { Locale } from "../../../metadata/types.gen.ts";
import { api } from "../api/http.ts";
import { loadMeta, meta } from "../api/meta-store.ts";
import { locale, t } from "../i18n/i18n.ts";
import { Link } from "../router/link.tsx";
import { navigate, query } from "../router/router.ts";
import { errorText } from "./admin-error.ts";
import { adminPath } from "./admin-paths.ts";
import type { Role } from "./admin-types.ts";
import type { DesignerEntities, FieldTypeEntry, PerLocale } from "./designer-types.ts";
import { EntityDesigner } from "./entity-designer.tsx";
import { NewEntityDialog } from "./new-entity-dialog.tsx";
import { LocalizedHeader, LocalizedInputs } from "./localized-inputs.tsx";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";

/**
 * The entity designer: `/admin/entities` lists every entity of the company's
 * metadata (read again whenever its version changes, so entities added
 * anywhere appear by themselves) and renames modules;
 * `/admin/entities?entity=<key>` designs one.
 */
export function EntitiesPage() {
  const [entities] = createResource(
    () => meta()?.version ?? "",
    () => api<DesignerEntities>("GET", "/api/admin/entities"),
  );
  // Kept here: a saved name reloads the metadata, which draws the names anew.
  const [message, setMessage] = createSignal<PageMessageValue>();
  const [types] = createResource(() =>
    api<{ items: FieldTypeEntry[] }>("GET", "/api/admin/field-types").then((r) => r.items),
  );
  const [roles] = createResource(() =>
    api<{ items: Role[] }>("GET", "/api/admin/roles").then((r) => r.items),
  );
  const moduleName = (key: string) =>
    entities.latest?.modules.find((m) => m.key === key)?.labels[locale()] ?? key;
  const selected = () => query().get("entity");
  const [creating, setCreating] = createSignal(false);
  const created = async (key: string | undefined) => {
    setCreating(false);
    if (!key) return;
    await loadMeta();
    navigate(`${adminPath("entities")}?entity=${key}`);
  };
  const bringBack = async (key: string) => {
    try {
      await api("PATCH", `/api/admin/entities/${key}`, { archived: false });
      setMessage({ text: t("admin.newEntity.broughtBack", { key }), error: false });
      await loadMeta();
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
  };

  return (
    <Show
      when={selected()}
      keyed
      fallback={
        <section class="admin-page" aria-labelledby="entities-title">
          <header class="page-header">
            <h1 id="entities-title">{t("admin.menu.entities")}</h1>
            <div class="actions">
              <button type="button" class="primary" onClick={() => setCreating(true)}>
                {t("admin.newEntity.newTitle")}
              </button>
            </div>
          </header>
          <Show when={creating()}>
            <NewEntityDialog onClose={(key) => void created(key)} />
          </Show>
          <PageMessage message={message()} />
          <div class="table-wrap">
            <table class="admin-table">
              <caption class="visually-hidden">{t("admin.menu.entities")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.designer.entityName")}</th>
                  <th scope="col">{t("admin.designer.key")}</th>
                  <th scope="col">{t("admin.designer.module")}</th>
                  <th scope="col">{t("admin.designer.fieldCount")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={entities.latest?.items ?? []}>
                  {(e) => (
                    <tr>
                      <th scope="row">
                        <Link href={`${adminPath("entities")}?entity=${e.key}`}>
                          {e.labels[locale()].entity}
                        </Link>
                      </th>
                      <td class="mono">{e.key}</td>
                      <td>{moduleName(e.module)}</td>
                      <td>
                        {e.customFieldCount > 0
                          ? t("admin.designer.fieldCountCustom", {
                              count: e.fieldCount,
                              custom: e.customFieldCount,
                            })
                          : e.fieldCount}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <Show when={(entities.latest?.archived.length ?? 0) > 0}>
            <section class="panel" aria-labelledby="archived-title">
              <h2 id="archived-title">{t("admin.newEntity.archived")}</h2>
              <ul class="plain archived-entities">
                <For each={entities.latest!.archived}>
                  {(e) => (
                    <li>
                      {e.labels[locale()].entity} <span class="mono muted">{e.key}</span>{" "}
                      <button type="button" onClick={() => void bringBack(e.key)}>
                        {t("admin.newEntity.bringBack")}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </Show>
          {/* Not keyed: a reload landing while the admin types must not drop the typing. */}
          <Show when={entities.latest}>
            <ModuleNames
              data={entities.latest!}
              onSaved={() => setMessage({ text: t("admin.designer.namesSaved"), error: false })}
            />
          </Show>
        </section>
      }
    >
      {(key) => (
        <Show
          when={entities.latest && types.latest && roles.latest}
          fallback={<p>{t("common.loading")}</p>}
        >
          <EntityDesigner
            entityKey={key}
            entities={entities.latest!.items}
            types={types.latest!}
            roles={roles.latest!}
          />
        </Show>
      )}
    </Show>
  );
}

/** Every module's name per language, renamed with PATCH /api/admin/labels. */
function ModuleNames(props: { data: DesignerEntities; onSaved: () => void }) {
  // What the server has now: a change is what differs from it.
  const saved = () =>
    Object.fromEntries(props.data.modules.map((m) => [m.key, m.labels])) as Record<
      string,
      PerLocale<string>
    >;
  const [texts, setTexts] = createSignal<Record<string, Partial<PerLocale<string>>>>(
    structuredClone(saved()),
  );
  const [failure, setFailure] = createSignal<string>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const change: Partial<Record<Locale, { modules: Record<string, string> }>> = {};
    for (const [key, now] of Object.entries(texts()))
      for (const l of locales)
        if (now[l] && now[l] !== saved()[key]?.[l])
          (change[l] ??= { modules: {} }).modules[key] = now[l]!;
    if (Object.keys(change).length === 0) return;
    try {
      setFailure(undefined);
      await api("PATCH", "/api/admin/labels", change);
      props.onSaved();
      await loadMeta();
    } catch (err) {
      setFailure(errorText(err));
    }
  };
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="module-names-title">
      <h2 id="module-names-title">{t("admin.designer.moduleNames")}</h2>
      <div class="localized-table">
        <LocalizedHeader first={t("admin.designer.module")} />
        {/* By position: a reload keeps the inputs (and the focus) where they are. */}
        <Index each={props.data.modules}>
          {(m) => (
            <LocalizedInputs
              id={`module-${m().key}`}
              name={`${m().labels[locale()]} (${m().key})`}
              values={texts()[m().key] ?? m().labels}
              onInput={(l, v) =>
                setTexts((x) => ({ ...x, [m().key]: { ...(x[m().key] ?? m().labels), [l]: v } }))
              }
            />
          )}
        </Index>
      </div>
      <Show when={failure()}>
        <p role="alert" class="error">
          {failure()}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="primary">
          {t("admin.designer.saveNames")}
        </button>
      </div>
    </form>
  );
}
