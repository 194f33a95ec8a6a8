import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/http.ts";
import { loadMeta, meta } from "../api/meta-store.ts";
import { entityLabel, fieldLabel, t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";

interface DuplicateCheckState {
  duplicateCheck: { fields: string[]; mode: "warn" | "block" } | null;
  candidates: string[];
}

/**
 * The company's duplicate check (Y2): on or off for everyone, and per entity
 * the fields whose values identify a duplicate and whether a duplicate only
 * warns or blocks the save. Each change is a metadata version, undone by
 * rollback.
 */
export function DuplicatesPage() {
  const entities = () => Object.values(meta()?.entities ?? {});
  const [entity, setEntity] = createSignal(entities()[0]?.key ?? "");
  const [state, { refetch }] = createResource(entity, (key) =>
    api<DuplicateCheckState>("GET", `/api/admin/entities/${key}/duplicate-check`),
  );
  const [fields, setFields] = createSignal<string[]>();
  const [mode, setMode] = createSignal<"warn" | "block">();
  const [message, setMessage] = createSignal<PageMessageValue>();
  const [busy, setBusy] = createSignal(false);
  const chosen = () => fields() ?? state.latest?.duplicateCheck?.fields ?? [];
  const chosenMode = () => mode() ?? state.latest?.duplicateCheck?.mode ?? "warn";
  const view = () => meta()!.entities[entity()]!;

  const run = async (change: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await change();
      await loadMeta();
      setMessage({ text: done, error: false });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
    setBusy(false);
  };
  const switchCheck = (on: boolean) =>
    run(
      () => api("PATCH", "/api/admin/options", { duplicateCheck: on }),
      t(on ? "admin.duplicates.switchedOn" : "admin.duplicates.switchedOff"),
    );
  const save = () =>
    run(
      async () => {
        await api("PUT", `/api/admin/entities/${entity()}/duplicate-check`, {
          fields: chosen(),
          mode: chosenMode(),
        });
        setFields(undefined);
        setMode(undefined);
        await refetch();
      },
      t("admin.duplicates.saved", { entity: entityLabel(view()) }),
    );

  return (
    <section class="admin-page" aria-labelledby="duplicates-title">
      <header class="page-header">
        <h1 id="duplicates-title">{t("admin.menu.duplicates")}</h1>
      </header>
      <p class="muted">{t("admin.duplicates.intro")}</p>
      <PageMessage message={message()} />
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={meta()?.options.duplicateCheck !== false}
          disabled={busy()}
          onChange={(e) => void switchCheck(e.currentTarget.checked)}
        />
        {t("admin.duplicates.option")}
      </label>
      <div class="admin-form">
        <label>
          {t("admin.duplicates.entity")}{" "}
          <select
            value={entity()}
            onChange={(e) => {
              setFields(undefined);
              setMode(undefined);
              setEntity(e.currentTarget.value);
            }}
          >
            <For each={entities()}>{(e) => <option value={e.key}>{entityLabel(e)}</option>}</For>
          </select>
        </label>
        <Show when={state.latest}>
          <fieldset>
            <legend>{t("admin.duplicates.fields")}</legend>
            <For each={state.latest!.candidates} fallback={<p>{t("admin.duplicates.none")}</p>}>
              {(field) => (
                <label class="check">
                  <input
                    type="checkbox"
                    checked={chosen().includes(field)}
                    onChange={(e) =>
                      setFields(
                        e.currentTarget.checked
                          ? [...chosen(), field]
                          : chosen().filter((f) => f !== field),
                      )
                    }
                  />
                  {fieldLabel(view(), field)}
                </label>
              )}
            </For>
          </fieldset>
          <fieldset>
            <legend>{t("admin.duplicates.mode")}</legend>
            <For each={["warn", "block"] as const}>
              {(m) => (
                <label class="check">
                  <input
                    type="radio"
                    name="duplicate-mode"
                    checked={chosenMode() === m}
                    onChange={() => setMode(m)}
                  />
                  {t(`admin.duplicates.${m}`)}
                </label>
              )}
            </For>
          </fieldset>
          <button type="button" class="primary" disabled={busy()} onClick={() => void save()}>
            {t("common.save")}
          </button>
        </Show>
      </div>
    </section>
  );
}
