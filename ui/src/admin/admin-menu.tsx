import { For, onCleanup, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { Link } from "../router/link.tsx";
import { path } from "../router/router.ts";
import { adminPages, adminPath } from "./admin-paths.ts";
import { isAdmin } from "./is-admin.ts";
import { dropPreview, previewing } from "./preview-state.ts";
import "./admin.css";

/** The "Administration" navigation of the sidebar: only for admins, and not while previewing. */
export function AdminMenu() {
  // The shell goes away when the session ends: a preview must not outlive it.
  onCleanup(dropPreview);
  const current = (page: string) => path().split("?")[0] === adminPath(page);
  return (
    <Show when={isAdmin() && !previewing()}>
      <nav class="admin-menu" aria-labelledby="admin-menu-title">
        <h2 id="admin-menu-title">{t("admin.title")}</h2>
        <ul class="plain">
          <For each={adminPages}>
            {(page) => (
              <li>
                <Link
                  href={adminPath(page)}
                  class={current(page) ? "active" : undefined}
                  aria-current={current(page) ? "page" : undefined}
                >
                  {t(`admin.menu.${page}`)}
                </Link>
              </li>
            )}
          </For>
        </ul>
      </nav>
    </Show>
  );
}
