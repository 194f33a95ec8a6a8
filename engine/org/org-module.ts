import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { createOrgTables } from "./org-tables.ts";
import { createRoleTables } from "./role-tables.ts";
import { departmentRoutes } from "./department-routes.ts";
import { directoryRoutes } from "./directory-routes.ts";
import { roleRoutes } from "./role-routes.ts";
import { userRoutes } from "./user-routes.ts";

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
  routes: [
    { prefix: "/api/admin/departments", register: departmentRoutes },
    { prefix: "/api/admin/users", register: userRoutes },
    { prefix: "/api/admin/roles", register: roleRoutes },
    { prefix: "/api/directory", register: directoryRoutes },
  ],
};
