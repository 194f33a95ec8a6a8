import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { adminRoutes } from "./admin-routes.ts";
import { indexRoutes } from "./index-routes.ts";
import { moduleRoutes } from "./module-routes.ts";
import { optionsRoutes } from "./options-routes.ts";

/** What a company admin reshapes without code: fields, labels, options and module switches. */
export const adminModule: EngineModule = {
  key: "admin",
  label: tr("Administration"),
  description: tr("Fields, labels, options and modules, per company."),
  version: "1.0.0",
  dependsOn: ["core"],
  routes: [
    { prefix: "/api/admin", register: adminRoutes },
    { prefix: "/api/admin", register: indexRoutes },
    { prefix: "/api/admin/options", register: optionsRoutes },
    { prefix: "/api/admin/modules", register: moduleRoutes },
  ],
};
