import { createEffect, createResource, createSignal, For, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { api } from "../api/http.ts";
import { lastCompany, logIn } from "../api/session.ts";
import { t } from "../i18n/i18n.ts";
import { LanguageSelect } from "../shell/language-select.tsx";
import { navigate, query } from "../router/router.ts";

/** Whether the installation lists its companies: the engine says so in index.html (serve-ui.ts). */
const listsCompanies = () =>
  document.querySelector('meta[name="metacrm-list-companies"]')?.getAttribute("content") === "true";

/**
 * Company (account set), username and password, with the language switch.
 * The company is a text box with a hint of what to type, prefilled with the
 * last company that logged in on this browser, unless the installation lists
 * its companies (LIST_COMPANIES): a list tells strangers who else is hosted
 * here, so it is asked for only when the installation offers it.
 */
export function LoginPage() {
  const [companies] = createResource(
    () => listsCompanies() || undefined,
    () =>
      api<{ items: { slug: string; name: string }[] }>("GET", "/api/auth/companies")
        .then((r) => r.items)
        .catch(() => undefined),
  );
  const [company, setCompany] = createSignal(query().get("company") ?? lastCompany());
  const [username, setUsername] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  // A picker always has a choice: the remembered company when listed, else the first.
  createEffect(() => {
    const listed = companies();
    if (listed?.length && !listed.some((c) => c.slug === company())) setCompany(listed[0]!.slug);
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      // Codes are lower-case: "Demo " from a phone keyboard is still demo.
      await logIn(company().trim().toLowerCase(), username(), password());
      // Back to where the session ran out, but only to a path of this app.
      const next = query().get("next") ?? "/";
      navigate(/^\/(?![/\\])/.test(next) ? next : "/", { replace: true, force: true });
    } catch (err) {
      setError(err instanceof ApiFailure && err.status !== 401 ? err.message : t("login.failed"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t("login.title")}</h1>
        <label for="login-company">{t("login.company")}</label>
        <Show
          when={companies()?.length}
          fallback={
            <>
              <input
                id="login-company"
                name="company"
                autocomplete="organization"
                autocapitalize="none"
                spellcheck={false}
                aria-describedby="login-company-hint"
                required
                value={company()}
                onInput={(e) => setCompany(e.currentTarget.value)}
              />
              <p id="login-company-hint" class="help">
                {t("login.companyHint")}
              </p>
            </>
          }
        >
          <select
            id="login-company"
            name="company"
            required
            onChange={(e) => setCompany(e.currentTarget.value)}
          >
            <For each={companies()}>
              {(c) => (
                <option value={c.slug} selected={c.slug === company()}>
                  {c.name}
                </option>
              )}
            </For>
          </select>
        </Show>
        <label for="login-username">{t("login.username")}</label>
        <input
          id="login-username"
          name="username"
          autocomplete="username"
          required
          autofocus={!!company()}
          value={username()}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label for="login-password">{t("login.password")}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <LanguageSelect id="login-language" />
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={busy()}>
          {t("login.submit")}
        </button>
      </form>
    </main>
  );
}
