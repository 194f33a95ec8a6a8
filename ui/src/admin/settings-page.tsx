import { createResource, createSignal, For, Show, type JSX } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { api } from "../api/http.ts";
import { t, type MessageKey } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import { ModuleSwitches } from "./modules-page.tsx";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";
import type { CompanyOptions } from "../../../metadata/types.gen.ts";

/** The company's on/off options and their labels, in the order shown. */
const switches: readonly (readonly [keyof CompanyOptions, MessageKey])[] = [
  ["inlineEdit", "admin.settings.inlineEdit"],
  ["duplicateCheck", "admin.duplicates.option"],
];

/** `GET /api/admin/company` (engine/admin/company-routes.ts). */
interface CompanyState {
  name: string;
  address: string | null;
  taxNumber: string | null;
  bankName: string | null;
  bankAccount: string | null;
  phone: string | null;
  currency: string;
  currencySymbol: string | null;
  currencyDecimals: number;
  decimalsNote: string;
  logo: string | null;
}

type Detail = "name" | "address" | "taxNumber" | "bankName" | "bankAccount" | "phone";
type CurrencyDetail = "currency" | "currencySymbol";
const details: Detail[] = ["name", "address", "taxNumber", "bankName", "bankAccount", "phone"];
const maxLengths: Record<Detail | CurrencyDetail, number> = {
  name: 100,
  address: 300,
  taxNumber: 30,
  bankName: 100,
  bankAccount: 40,
  phone: 40,
  currency: 3,
  currencySymbol: 5,
};
/** The server's limit (company-routes.ts); checked here too so a big file is not sent for nothing. */
const maxLogoBytes = 512 * 1024;

/**
 * The company's settings on one screen: its details as documents print them,
 * its logo, its currency, the options its users share and the module switches.
 * Each save is a metadata version (undone from the metadata history).
 */
export function SettingsPage() {
  const [company, { mutate }] = createResource(() =>
    api<CompanyState>("GET", "/api/admin/company"),
  );
  const [options, setOptions] = createResource(() =>
    api<{ options: CompanyOptions }>("GET", "/api/admin/options").then((r) => r.options),
  );
  const [message, setMessage] = createSignal<PageMessageValue>();

  return (
    <section class="admin-page settings-page" aria-labelledby="settings-title">
      <header class="page-header">
        <h1 id="settings-title">{t("admin.menu.settings")}</h1>
      </header>
      <PageMessage message={message()} />
      <Show when={company.state === "errored"}>
        <div class="banner" role="alert">
          {errorText(company.error)}
        </div>
      </Show>
      <Show when={company.latest} keyed>
        {(state) => (
          <>
            <DetailsForm
              title="admin.settings.company"
              id="company"
              keys={details}
              state={state}
              onSaved={(next) => {
                mutate(next);
                setMessage({ text: t("admin.settings.saved"), error: false });
              }}
            />
            <LogoPanel state={state} onChanged={mutate} onMessage={setMessage} />
            <DetailsForm
              title="admin.settings.currency"
              id="currency"
              keys={["currency", "currencySymbol"]}
              state={state}
              onSaved={(next) => {
                mutate(next);
                setMessage({ text: t("admin.settings.saved"), error: false });
              }}
            >
              <div class="field">
                <span class="label" id="settings-decimals-label">
                  {t("admin.settings.currencyDecimals")}
                </span>
                <output aria-labelledby="settings-decimals-label">{state.currencyDecimals}</output>
                <span class="muted">{state.decimalsNote}</span>
              </div>
            </DetailsForm>
          </>
        )}
      </Show>
      <section class="panel" aria-labelledby="settings-options-title">
        <h2 id="settings-options-title">{t("admin.settings.options")}</h2>
        {/* The company's switches, one per line. */}
        <Show when={options.latest}>
          {(o) => (
            <For each={switches}>
              {([name, label]) => (
                <label class="switch">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={o()[name] !== false}
                    onChange={async (e) => {
                      const on = e.currentTarget.checked;
                      try {
                        const r = await api<{ options: CompanyOptions }>(
                          "PATCH",
                          "/api/admin/options",
                          { [name]: on },
                        );
                        setOptions.mutate(r.options);
                        setMessage({ text: t("admin.settings.saved"), error: false });
                      } catch (err) {
                        e.currentTarget.checked = !on;
                        setMessage({ text: errorText(err), error: true });
                      }
                    }}
                  />
                  {t(label)}
                </label>
              )}
            </For>
          )}
        </Show>
      </section>
      <section class="panel" aria-labelledby="settings-modules-title">
        <h2 id="settings-modules-title">{t("admin.menu.modules")}</h2>
        <ModuleSwitches />
      </section>
    </section>
  );
}

/** Some of the company's details, saved together: what changed is sent, an emptied one cleared. */
function DetailsForm(props: {
  title: MessageKey;
  id: string;
  keys: (Detail | CurrencyDetail)[];
  state: CompanyState;
  onSaved: (next: CompanyState) => void;
  children?: JSX.Element;
}) {
  const initial = () => Object.fromEntries(props.keys.map((k) => [k, props.state[k] ?? ""]));
  const [draft, setDraft] = createSignal<Record<string, string>>(initial());
  const [problems, setProblems] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal("");
  const fieldId = (key: string) => `settings-${key}`;

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setProblems({});
    setFailure("");
    const before = initial();
    const change = Object.fromEntries(
      props.keys
        .filter((k) => draft()[k]!.trim() !== before[k])
        .map((k) => [k, draft()[k]!.trim() === "" ? null : draft()[k]!.trim()]),
    );
    if (Object.keys(change).length === 0) return;
    try {
      const r = await api<{ company: CompanyState }>("PATCH", "/api/admin/company", change);
      props.onSaved(r.company);
    } catch (err) {
      const fields = err instanceof ApiFailure ? err.fieldProblems : [];
      setProblems(Object.fromEntries(fields.map((p) => [p.field, p.message])));
      setFailure(errorText(err));
    }
  };

  return (
    <form class="panel" onSubmit={save} aria-labelledby={`settings-${props.id}-title`}>
      <h2 id={`settings-${props.id}-title`}>{t(props.title)}</h2>
      <div class="form-grid">
        <For each={props.keys}>
          {(key) => (
            <div class="field">
              <label for={fieldId(key)}>{t(`admin.settings.${key}`)}</label>
              <input
                id={fieldId(key)}
                value={draft()[key]}
                maxLength={maxLengths[key]}
                aria-invalid={!!problems()[key]}
                aria-describedby={problems()[key] ? `${fieldId(key)}-error` : undefined}
                onInput={(e) => setDraft({ ...draft(), [key]: e.currentTarget.value })}
              />
              <Show when={problems()[key]}>
                <span id={`${fieldId(key)}-error`} class="error">
                  {problems()[key]}
                </span>
              </Show>
            </div>
          )}
        </For>
        {props.children}
      </div>
      <Show when={failure()}>
        <p role="alert" class="error">
          {failure()}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="primary">
          {t("common.save")}
        </button>
      </div>
    </form>
  );
}

function LogoPanel(props: {
  state: CompanyState;
  onChanged: (next: CompanyState) => void;
  onMessage: (m: PageMessageValue) => void;
}) {
  const [busy, setBusy] = createSignal(false);
  const send = async (method: string, body?: unknown) => {
    setBusy(true);
    try {
      const r = await api<{ company: CompanyState }>(method, "/api/admin/company/logo", body);
      props.onChanged(r.company);
      props.onMessage({ text: t("admin.settings.saved"), error: false });
    } catch (err) {
      props.onMessage({ text: errorText(err), error: true });
    }
    setBusy(false);
  };
  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    if (file.size > maxLogoBytes) {
      props.onMessage({ text: t("admin.settings.logoTooBig"), error: true });
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    await send("PUT", { image: btoa(binary) });
  };

  return (
    <section class="panel" aria-labelledby="settings-logo-title">
      <h2 id="settings-logo-title">{t("admin.settings.logo")}</h2>
      <Show when={props.state.logo} fallback={<p class="muted">{t("admin.settings.noLogo")}</p>}>
        {(url) => <img class="company-logo" src={url()} alt={t("admin.settings.logo")} />}
      </Show>
      <div class="actions">
        <label class="button">
          {t("admin.settings.uploadLogo")}
          <input
            class="visually-hidden"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            disabled={busy()}
            onChange={(e) => void upload(e.currentTarget)}
          />
        </label>
        <Show when={props.state.logo}>
          <button type="button" disabled={busy()} onClick={() => void send("DELETE")}>
            {t("admin.settings.removeLogo")}
          </button>
        </Show>
      </div>
      <p class="muted">{t("admin.settings.logoHint")}</p>
    </section>
  );
}
