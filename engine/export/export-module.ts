import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { exportRoutes } from "./export-routes.ts";

/** Lists as CSV or Excel files, for users whose roles grant the export action. */
export const exportModule: EngineModule = {
  key: "export",
  label: tr("Export"),
  description: tr("Lists and the audit trail as CSV or Excel files."),
  version: "1.0.0",
  dependsOn: ["core"],
  permissionActions: [{ key: "export", label: tr("Export") }],
  recordRoutes: exportRoutes,
};
