import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { regionRoutes } from "./region-routes.ts";

/** China's provinces, cities and districts, for address fields' pickers. */
export const regionsModule: EngineModule = {
  key: "regions",
  label: tr("Regions"),
  description: tr("Provinces, cities and districts for addresses."),
  version: "1.0.0",
  dependsOn: ["core"],
  routes: [{ prefix: "/api/regions", register: regionRoutes }],
};
