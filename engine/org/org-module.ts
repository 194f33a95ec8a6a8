import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { createOrgTables } from "./org-tables.ts";
import { createRoleTables } from "./role-tables.ts";

/** Departments, users' employee data, roles and the directory. */
export const orgModule: EngineModule = {
  key: "org",
  label: tr("Organisation"),
  description: tr("Departments, users and roles."),
  version: "1.0.0",
  dependsOn: ["core"],
  companyMigrations: [
    { name: "001-departments", up: (tx, t) => createOrgTables(tx, t.schema) },
    { name: "002-roles", up: (tx, t) => createRoleTables(tx, t.schema) },
  ],
};
