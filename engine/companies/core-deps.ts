import type { BaseMetadata } from "../metadata/metadata-types.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import type { ModuleSet } from "../modules/module-set.ts";
import type { CompanyContexts } from "./company-contexts.ts";

/** What routes that load companies or change their metadata use, beside what every module's routes may. */
export interface CoreDeps extends ModuleDeps {
  readonly base: BaseMetadata;
  /** The installed modules, in dependency order (engine-modules.ts, and a test's own). */
  readonly modules: ModuleSet;
  readonly companies: CompanyContexts;
}
