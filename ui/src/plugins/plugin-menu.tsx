import { For, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { Link } from "../router/link.tsx";
import { path } from "../router/router.ts";
import { pluginPagePath, pluginPages } from "./plugin-contributions.ts";

/** The sidebar's links to plugin pages that ask for a menu entry. */
export function PluginMenu() {
  const entries = () => pluginPages().filter((p) => p.menu);
  const current = (href: string) => path().split("?")[0] === href;
  return (
    <Show when={entries().length > 0}>
      <section>
        <h2>{t("plugins.menu")}</h2>
        <ul class="plain">
          <For each={entries()}>
            {(page) => (
              <li>
                <Link
                  href={pluginPagePath(page)}
                  class={current(pluginPagePath(page)) ? "active" : undefined}
                  aria-current={current(pluginPagePath(page)) ? "page" : undefined}
                >
                  {t(page.title)}
                </Link>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
