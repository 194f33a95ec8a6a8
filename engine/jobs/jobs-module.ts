import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { createJobClockTable } from "./job-clock-table.ts";
import { jobRoutes } from "./job-routes.ts";

/** Queued and scheduled work of every module, and its list for admins. */
export const jobsModule: EngineModule = {
  key: "jobs",
  label: tr("Jobs"),
  description: tr("Queued and scheduled work, retried when it fails."),
  version: "1.0.0",
  dependsOn: ["core"],
  platformMigrations: [{ name: "001-job-clock", up: (tx, t) => createJobClockTable(tx, t.schema) }],
  routes: [{ prefix: "/api/admin/jobs", register: jobRoutes }],
};
