import type { CompanyContext } from "../companies/company-context.ts";
import type { ModuleSet } from "../modules/module-set.ts";

/**
 * The plugins whose screens the company's UI loads: those with UI
 * contributions (`uiContributions`, set by the plugin loader) it has on.
 */
export const pluginScreens = (modules: ModuleSet, company: CompanyContext): string[] =>
  modules.ordered
    .filter((m) => m.uiContributions && !company.modulesOff.has(m.key))
    .map((m) => m.key);
