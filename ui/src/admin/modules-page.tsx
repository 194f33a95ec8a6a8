import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/http.ts";
import { t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import type { ModuleState } from "./admin-types.ts";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";

const base = "/api/admin/modules";

/** The "Modules" screen: the module switches alone (the settings screen shows them too). */
export function ModulesPage() {
  return (
    <section class="admin-page" aria-labelledby="modules-title">
      <header class="page-header">
        <h1 id="modules-title">{t("admin.menu.modules")}</h1>
      </header>
      <ModuleSwitches />
    </section>
  );
}

/**
 * The engine's modules and which are on for this company: a switchable one
 * is switched off or on here (its menus and screens leave or come back, its
 * data stays); the server refuses what others still use, and says which.
 */
export function ModuleSwitches() {
  const [modules, { refetch }] = createResource(() =>
    api<{ items: ModuleState[] }>("GET", base).then((r) => r.items),
  );
  const [message, setMessage] = createSignal<PageMessageValue>();
  const [busy, setBusy] = createSignal<string>();
  const labelOf = (key: string) => modules.latest?.find((m) => m.key === key)?.label ?? key;

  const toggle = async (m: ModuleState) => {
    const on = !m.on;
    if (!on && !window.confirm(t("admin.modules.offConfirm", { name: m.label }))) return;
    setBusy(m.key);
    setMessage(undefined);
    try {
      await api("PATCH", `${base}/${m.key}`, { on });
      setMessage({
        text: t(on ? "admin.modules.switchedOn" : "admin.modules.switchedOff", { name: m.label }),
        error: false,
      });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
    await refetch();
    setBusy(undefined);
  };

  return (
    <>
      <p class="muted">{t("admin.modules.intro")}</p>
      <PageMessage message={message()} />
      <Show when={modules.state === "errored"}>
        <div class="banner" role="alert">
          {errorText(modules.error)}
        </div>
      </Show>
      <div class="table-wrap">
        <table class="admin-table">
          <caption class="visually-hidden">{t("admin.menu.modules")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.modules.module")}</th>
              <th scope="col">{t("admin.modules.version")}</th>
              <th scope="col">{t("admin.modules.needs")}</th>
              <th scope="col">{t("admin.modules.state")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={modules.latest ?? []}>
              {(m) => (
                <tr classList={{ inactive: !m.on }}>
                  <td>
                    <strong>{m.label}</strong>
                    <div class="muted">{m.description}</div>
                  </td>
                  <td>{m.version}</td>
                  <td>{m.dependsOn.map(labelOf).join(", ") || t("common.none")}</td>
                  <td>
                    <Show when={m.switchable} fallback={t("admin.modules.alwaysOn")}>
                      <label class="switch">
                        <input
                          type="checkbox"
                          role="switch"
                          checked={m.on}
                          disabled={busy() !== undefined}
                          aria-label={t("admin.modules.switchLabel", { name: m.label })}
                          onChange={(e) => {
                            e.currentTarget.checked = m.on;
                            void toggle(m);
                          }}
                        />
                        {m.on ? t("admin.modules.on") : t("admin.modules.off")}
                      </label>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </>
  );
}
