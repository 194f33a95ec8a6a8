import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { createAccessStateTable } from "./access-state-table.ts";
import { batchRoutes } from "./batch-routes.ts";
import { recordAccessRoutes } from "./record-access-routes.ts";
import { addShareSubDepartments, createShareTable } from "./share-table.ts";
import { whyRoutes } from "./why-routes.ts";

/** Record scopes, shares, reassignment, "view as" and "why". */
export const accessModule: EngineModule = {
  key: "access",
  label: tr("Record access"),
  description: tr("Who sees and changes which records: role scopes, shares, reassignment."),
  version: "1.1.0",
  dependsOn: ["core", "org"],
  companyMigrations: [
    { name: "001-shares", up: (tx, t) => createShareTable(tx, t.schema) },
    { name: "002-access-state", up: (tx, t) => createAccessStateTable(tx, t.schema) },
    {
      name: "003-share-sub-departments",
      up: (tx, t) => addShareSubDepartments(tx, t.schema),
    },
  ],
  routes: [{ prefix: "/api/admin/access", register: whyRoutes }],
  recordRoutes: (routes, service, deps) => {
    batchRoutes(routes, service, deps);
    recordAccessRoutes(routes, service, deps);
  },
};
