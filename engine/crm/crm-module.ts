import type { EngineModule } from "../modules/engine-module.ts";

/** Customers, contacts and activities (C1–C7): the CRM menu and its entities. */
export const crmModule: EngineModule = {
  key: "crm",
  version: "1.0.0",
  dependsOn: ["core"],
  switchable: true,
  menus: ["crm"],
};
