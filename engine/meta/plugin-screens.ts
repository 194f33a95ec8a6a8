import type { CompanyContext } from "../companies/company-context.ts";
import type { ModuleSet } from "../modules/module-set.ts";

declare module "../modules/engine-module.ts" {
  interface EngineModule {
    /**
     * It brings screens: `plugins/<key>/ui/index.tsx` exists (the plugin
     * loader sets this). The UI loads that file, a chunk of its own, only for
     * companies that have the module on.
     */
    readonly uiContributions?: boolean;
  }
}

/** The plugins whose screens the company's UI loads: those with UI contributions it has on. */
export const pluginScreens = (modules: ModuleSet, company: CompanyContext): string[] =>
  modules.ordered
    .filter((m) => m.uiContributions && !company.modulesOff.has(m.key))
    .map((m) => m.key);
