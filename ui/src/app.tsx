import { createEffect, createSignal, Match, on, Show, Switch } from "solid-js";
import { api, onSessionLost } from "./api/http.ts";
import { meta, metaSettled } from "./api/meta-store.ts";
import { resumeSession, session } from "./api/session.ts";
import { AdminPage } from "./admin/admin-page.tsx";
import { DetailPage } from "./detail/detail-page.tsx";
import { FormPage } from "./form/form-page.tsx";
import { t } from "./i18n/i18n.ts";
import { ListPage } from "./list/list-page.tsx";
import { PluginPage } from "./plugins/plugin-page.tsx";
import { loadPlugins } from "./plugins/plugin-store.ts";
import { LoginPage } from "./login/login-page.tsx";
import { navigate, path } from "./router/router.ts";
import { matchScreen, paths, type Screen } from "./router/routes.ts";
import { Shell } from "./shell/shell.tsx";

const toLogin = () => {
  const here = path();
  navigate(here.startsWith("/login") ? here : `/login?next=${encodeURIComponent(here)}`, {
    replace: true,
    force: true,
  });
};

/**
 * Picks the screen for the path. Before a screen is shown, one small request
 * carries the current X-Meta-Version: when it changed (an admin's new field),
 * the metadata reloads first, so the screen renders from the new version,
 * and so do the screens of plugins the company has newly switched on.
 */
export function App() {
  const [screen, setScreen] = createSignal<Screen>();
  onSessionLost(toLogin);

  createEffect(
    on(path, async (current) => {
      const next = matchScreen(current);
      if (next.name === "login") return setScreen(next);
      if (!session() && !(await resumeSession())) return toLogin();
      else await api("GET", "/api/auth/me").catch(() => undefined);
      await metaSettled();
      await loadPlugins();
      if (next.name === "home") {
        const first = meta()!.modules.flatMap((m) => m.menu)[0];
        if (first) return navigate(paths.list(first.entity), { replace: true, force: true });
      }
      setScreen(next);
    }),
  );

  const known = (entity: string) => !!meta()?.entities[entity];
  return (
    <Switch fallback={<p class="loading">{t("common.loading")}</p>}>
      <Match when={screen()?.name === "login"}>
        <LoginPage />
      </Match>
      <Match when={screen() && meta() && session()}>
        <Shell>
          <Show when={screen()} keyed>
            {(s) => (
              <Switch fallback={<p role="alert">{t("error.notFound")}</p>}>
                <Match when={s.name === "list" && known(s.entity) && s}>
                  {(l) => <ListPage entity={l().entity} />}
                </Match>
                <Match when={s.name === "new" && known(s.entity) && s}>
                  {(n) => <FormPage entity={n().entity} />}
                </Match>
                <Match when={s.name === "edit" && known(s.entity) && s}>
                  {(e) => <FormPage entity={e().entity} id={(e() as { id: string }).id} />}
                </Match>
                <Match when={s.name === "admin" && s}>{(a) => <AdminPage page={a().page} />}</Match>
                <Match when={s.name === "detail" && known(s.entity) && s}>
                  {(d) => <DetailPage entity={d().entity} id={(d() as { id: string }).id} />}
                </Match>
                <Match when={s.name === "plugin" && s}>
                  {(p) => <PluginPage plugin={p().plugin} path={p().path} />}
                </Match>
              </Switch>
            )}
          </Show>
        </Shell>
      </Match>
    </Switch>
  );
}
