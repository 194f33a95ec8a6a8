import { Match, Show, Switch } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { AuditPage } from "./audit-page.tsx";
import { DepartmentsPage } from "./departments-page.tsx";
import { DuplicatesPage } from "./duplicates-page.tsx";
import { HistoryPage } from "./history-page.tsx";
import { EntitiesPage } from "./entities-page.tsx";
import { isAdmin } from "./is-admin.ts";
import { JobsPage } from "./jobs-page.tsx";
import { ModulesPage } from "./modules-page.tsx";
import { NumberingPage } from "./numbering-page.tsx";
import { previewing } from "./preview-state.ts";
import { RolesPage } from "./roles-page.tsx";
import { SettingsPage } from "./settings-page.tsx";
import { UsersPage } from "./users-page.tsx";

/** `/admin/<page>`: the admin screen named, for admins outside a preview. */
export function AdminPage(props: { page: string }) {
  return (
    <Show when={isAdmin() && !previewing()} fallback={<p role="alert">{t("error.forbidden")}</p>}>
      <Switch fallback={<p role="alert">{t("error.notFound")}</p>}>
        <Match when={props.page === "departments"}>
          <DepartmentsPage />
        </Match>
        <Match when={props.page === "users"}>
          <UsersPage />
        </Match>
        <Match when={props.page === "roles"}>
          <RolesPage />
        </Match>
        <Match when={props.page === "settings"}>
          <SettingsPage />
        </Match>
        <Match when={props.page === "entities"}>
          <EntitiesPage />
        </Match>
        <Match when={props.page === "modules"}>
          <ModulesPage />
        </Match>
        <Match when={props.page === "duplicates"}>
          <DuplicatesPage />
        </Match>
        <Match when={props.page === "numbering"}>
          <NumberingPage />
        </Match>
        <Match when={props.page === "history"}>
          <HistoryPage />
        </Match>
        <Match when={props.page === "jobs"}>
          <JobsPage />
        </Match>
        <Match when={props.page === "audit"}>
          <AuditPage />
        </Match>
      </Switch>
    </Show>
  );
}
