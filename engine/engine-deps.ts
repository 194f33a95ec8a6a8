import type { AuthDeps } from "./auth/auth-deps.ts";
import type { ExportLimits } from "./db/export-limits.ts";
import type { EffectRegistry } from "./effects/effect-registry.ts";
import type { JobQueue } from "./jobs/job-queue.ts";

/**
 * Everything the HTTP app needs, passed in so that tests control the clock and
 * ids: the core's deps and the process's settings. The app adds the services
 * modules offer each other (module-services.ts) to make every module's
 * `ModuleDeps`.
 */
export interface EngineDeps extends AuthDeps {
  /** The URL users reach the server at, when configured: the origin cross-site checks compare with. */
  publicUrl: string | undefined;
  /** Bounds on exports (EXPORTS_AT_ONCE, EXPORTS_PER_USER, EXPORT_STALL_SECONDS); defaults otherwise. */
  exportLimits?: Partial<ExportLimits>;
  /** The process's part in the job queue: started by main.ts once it serves, and by tests that run jobs. */
  jobs: JobQueue;
  /** Every module's effects, by name. */
  effects: EffectRegistry;
}
