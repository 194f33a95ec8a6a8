import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { createUserPrefTable } from "./user-pref-table.ts";
import { prefRoutes } from "./pref-routes.ts";

/** Each user's own UI preferences (a list's columns, the density). */
export const prefsModule: EngineModule = {
  key: "prefs",
  label: tr("Preferences"),
  description: tr("Each user's screen preferences."),
  version: "1.0.0",
  dependsOn: ["core"],
  companyMigrations: [{ name: "001-user-prefs", up: (tx, t) => createUserPrefTable(tx, t.schema) }],
  routes: [{ prefix: "/api/prefs", register: prefRoutes }],
};
