import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { duplicateAdminRoutes } from "./duplicate-admin-routes.ts";
import { duplicateFillJob } from "./duplicate-fill-job.ts";
import { duplicateRoutes } from "./duplicate-routes.ts";

/**
 * The duplicate check (Y2): possible duplicates of a record being entered,
 * the company's choice of fields and of warning or blocking, merging two
 * records, and the job that computes the keys of existing rows. The keys
 * themselves are kept by the record service and sync, like search data.
 */
export const duplicatesModule: EngineModule = {
  key: "duplicates",
  label: tr("Duplicate check"),
  description: tr("Possible duplicates while entering a record, and merging two records."),
  version: "1.0.0",
  dependsOn: ["core", "access", "audit"],
  routes: [{ prefix: "/api/admin/entities", register: duplicateAdminRoutes }],
  recordRoutes: duplicateRoutes,
  jobs: [duplicateFillJob],
};
