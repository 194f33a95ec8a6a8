import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";

/** Products and, as they come, the sales documents: the sales menu and its entities. */
export const salesModule: EngineModule = {
  key: "sales",
  label: tr("Sales"),
  description: tr("Products and sales documents."),
  version: "1.0.0",
  dependsOn: ["core"],
  switchable: true,
  menus: ["sales"],
};
