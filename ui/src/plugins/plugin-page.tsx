import { Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import { t } from "../i18n/i18n.ts";
import { pluginPages } from "./plugin-contributions.ts";
import { PluginBoundary } from "./plugin-failure.tsx";

/** `/x/<plugin>/<path>`: a plugin's own screen, when the company has the plugin on. */
export function PluginPage(props: { plugin: string; path: string }) {
  const page = () => pluginPages().find((p) => p.plugin === props.plugin && p.path === props.path);
  return (
    <Show when={page()} keyed fallback={<p role="alert">{t("error.notFound")}</p>}>
      {(p) => (
        <section class="plugin-page" aria-labelledby="plugin-page-title">
          <header class="page-header">
            <h1 id="plugin-page-title">{t(p.title)}</h1>
          </header>
          <PluginBoundary plugin={p.plugin}>
            <Dynamic component={p.component} />
          </PluginBoundary>
        </section>
      )}
    </Show>
  );
}
