import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";

/** Customers, contacts and activities (C1–C7): the CRM menu and its entities. */
export const crmModule: EngineModule = {
  key: "crm",
  label: tr("Customers"),
  description: tr("Customers, contacts and activities."),
  version: "1.0.0",
  dependsOn: ["core"],
  switchable: true,
  menus: ["crm"],
};
