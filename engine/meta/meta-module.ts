import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { metaRoutes } from "./meta-routes.ts";

/** The metadata the UI renders its screens from, as the session's user may see it. */
export const metaModule: EngineModule = {
  key: "meta",
  label: tr("Screens"),
  description: tr("The metadata the screens are drawn from."),
  version: "1.0.0",
  dependsOn: ["core"],
  routes: [{ prefix: "/api/meta", register: metaRoutes }],
};
