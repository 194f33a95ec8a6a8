import type { BaseMetadata } from "../metadata/metadata-types.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import type { ModuleSet } from "../modules/module-set.ts";
import type { CompanyContexts } from "./company-contexts.ts";

/** What the core gives every module beside the database and the clock. */
export interface CoreServices {
  readonly base: BaseMetadata;
  /** The installed modules, in dependency order (engine-modules.ts, and a test's own). */
  readonly modules: ModuleSet;
  readonly companies: CompanyContexts;
}

declare module "../modules/engine-module.ts" {
  interface ModuleDeps extends CoreServices {}
}

/**
 * The core's part of `ModuleDeps`, before any module's services: what
 * start-up, seeding and the command line work with.
 */
export type CoreDeps = Pick<ModuleDeps, "database" | "now" | "newId" | "trustProxy"> & CoreServices;
