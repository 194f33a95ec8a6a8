import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { adminRoutes } from "./admin-routes.ts";
import { companyLogoRoutes, companyRoutes } from "./company-routes.ts";
import { createCompanyLogoTable } from "../companies/company-logo-table.ts";
import { entityRoutes } from "./entity-routes.ts";
import { indexRoutes } from "./index-routes.ts";
import { metadataHistoryRoutes } from "./metadata-history-routes.ts";
import { designerRoutes } from "./designer-routes.ts";
import { moduleRoutes } from "./module-routes.ts";
import { numberingRoutes } from "./numbering-routes.ts";
import { optionsRoutes } from "./options-routes.ts";

/** What a company admin reshapes without code: fields, labels, options and module switches. */
export const adminModule: EngineModule = {
  key: "admin",
  label: tr("Administration"),
  description: tr("Fields, labels, options and modules, per company."),
  version: "1.1.0",
  dependsOn: ["core"],
  routes: [
    { prefix: "/api/admin", register: adminRoutes },
    { prefix: "/api/admin", register: indexRoutes },
    { prefix: "/api/admin/entities", register: entityRoutes },
    { prefix: "/api/admin/metadata", register: metadataHistoryRoutes },
    { prefix: "/api/admin", register: designerRoutes },
    { prefix: "/api/admin/options", register: optionsRoutes },
    { prefix: "/api/admin/modules", register: moduleRoutes },
    { prefix: "/api/admin", register: numberingRoutes },
    { prefix: "/api/admin/company", register: companyRoutes },
    { prefix: "/api/company", register: companyLogoRoutes },
  ],
  companyMigrations: [
    { name: "001-company-logos", up: (tx, t) => createCompanyLogoTable(tx, t.schema) },
  ],
};
