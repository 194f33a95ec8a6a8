import { accessModule } from "./access/access-module.ts";
import { auditModule } from "./audit/audit-module.ts";
import { authModule } from "./auth/auth-module.ts";
import { coreModule } from "./companies/core-module.ts";
import { ModuleSet } from "./modules/module-set.ts";
import { numberingModule } from "./numbering/numbering-module.ts";
import { orgModule } from "./org/org-module.ts";
import { prefsModule } from "./prefs/prefs-module.ts";
import { crmModule } from "./crm/crm-module.ts";
import { exportModule } from "./export/export-module.ts";
import { salesModule } from "./sales/sales-module.ts";
import { metaModule } from "./meta/meta-module.ts";
import { openApiModule } from "./openapi/openapi-module.ts";
import { searchModule } from "./search/search-module.ts";
import { adminModule } from "./admin/admin-module.ts";
import { regionsModule } from "./regions/regions-module.ts";
import { jobsModule } from "./jobs/jobs-module.ts";
import { duplicatesModule } from "./duplicates/duplicates-module.ts";
import { loadPlugins } from "./plugins/load-plugins.ts";
import type { PluginLoadError } from "./plugins/plugin-manifest.ts";

/** The engine's own modules: the composition root, the one place that lists them. */
export const engineModules = [
  coreModule,
  metaModule,
  openApiModule,
  jobsModule,
  authModule,
  numberingModule,
  auditModule,
  orgModule,
  accessModule,
  prefsModule,
  exportModule,
  searchModule,
  adminModule,
  duplicatesModule,
  regionsModule,
  crmModule,
  salesModule,
] as const;

/** The engine's own modules alone, for the tests that need no plugin. */
export const defaultModules = () => new ModuleSet(engineModules);

/** What a start installs: the engine's modules and the plugins of `<root>/plugins` that load. */
export interface InstalledModules {
  readonly modules: ModuleSet;
  /** The plugins that load, by name: the base metadata takes theirs only. */
  readonly plugins: readonly string[];
  /** Plugins left off, with why: reported at start. */
  readonly failures: readonly PluginLoadError[];
}

/** The modules an engine runs with unless told otherwise. */
export async function installedModules(root: string): Promise<InstalledModules> {
  const { modules, failures } = await loadPlugins(root, new Set(engineModules.map((m) => m.key)));
  return {
    modules: new ModuleSet([...engineModules, ...modules]),
    plugins: modules.map((m) => m.key),
    failures,
  };
}
