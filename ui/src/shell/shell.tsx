import { For, onMount, type JSX } from "solid-js";
import { meta } from "../api/meta-store.ts";
import { entityLabel, locale, t } from "../i18n/i18n.ts";
import { Link } from "../router/link.tsx";
import { path } from "../router/router.ts";
import { paths } from "../router/routes.ts";
import { AdminMenu } from "../admin/admin-menu.tsx";
import { PreviewBanner } from "../admin/preview-banner.tsx";
import { LanguageSelect } from "./language-select.tsx";
import { UserMenu } from "./user-menu.tsx";
import { KeyboardHelp } from "../keyboard/keyboard-help.tsx";
import { GlobalSearch } from "../search/global-search.tsx";
import { MenuToggle, menuOpen } from "./menu-toggle.tsx";
import { density, loadDensity } from "./density.ts";
import { PluginMenu } from "../plugins/plugin-menu.tsx";
import { PluginNotice } from "../plugins/plugin-notice.tsx";

/** The frame around every screen: the company, modules and their menus (from metadata), the user menu. */
export function Shell(props: { children: JSX.Element }) {
  const current = (entity: string) => path().split("?")[0]!.split("/")[2] === entity;
  onMount(() => void loadDensity());
  return (
    <div class="shell" classList={{ "menu-open": menuOpen(), compact: density() === "compact" }}>
      <header class="topbar">
        <MenuToggle />
        <a class="brand" href="/">
          {meta()!.company.name}
        </a>
        <GlobalSearch />
        <div class="topbar-end">
          <LanguageSelect id="shell-language" />
          <UserMenu />
        </div>
      </header>
      <div class="sidebar">
        <nav aria-label={t("shell.menu")}>
          <For each={meta()!.modules}>
            {(module) => (
              <section>
                <h2>{module.labels[locale()]}</h2>
                <ul class="plain">
                  <For each={module.menu.filter((item) => meta()!.entities[item.entity])}>
                    {(item) => (
                      <li>
                        <Link
                          href={paths.list(item.entity)}
                          class={current(item.entity) ? "active" : undefined}
                          aria-current={current(item.entity) ? "page" : undefined}
                        >
                          {entityLabel(meta()!.entities[item.entity]!, true)}
                        </Link>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            )}
          </For>
          <PluginMenu />
        </nav>
        <AdminMenu />
      </div>
      <main class="content">
        <PreviewBanner />
        <PluginNotice />
        {props.children}
      </main>
      <KeyboardHelp />
    </div>
  );
}
