import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { searchFillJob } from "./search-fill-job.ts";
import { searchRoutes } from "./search-routes.ts";

/** One search box over every entity the user may read (S1). */
export const searchModule: EngineModule = {
  key: "search",
  label: tr("Search"),
  description: tr("One search over every entity the user may read."),
  version: "1.0.0",
  dependsOn: ["core"],
  routes: [{ prefix: "/api/search", register: searchRoutes }],
  jobs: [searchFillJob],
};
