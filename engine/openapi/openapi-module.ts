import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { openApiRoutes } from "./openapi-routes.ts";

/** Each company's API described in OpenAPI 3.1, from its metadata and every declared route. */
export const openApiModule: EngineModule = {
  key: "openapi",
  label: tr("API description"),
  description: tr("The company's API as an OpenAPI document."),
  version: "1.0.0",
  dependsOn: ["core"],
  routes: [{ prefix: "/api/openapi.json", register: openApiRoutes }],
};
