import type { AuthDeps } from "./auth/auth-deps.ts";
import type { ExportLimits } from "./db/export-limits.ts";

/**
 * Everything the HTTP app needs, passed in so that tests control the clock and
 * ids. Each part of the engine takes only its slice: `ModuleDeps` (every
 * module), `CoreDeps` (companies and metadata), `AuthDeps` (sessions).
 */
export interface EngineDeps extends AuthDeps {
  /** The URL users reach the server at, when configured: the origin cross-site checks compare with. */
  publicUrl: string | undefined;
  /** Bounds on exports (EXPORTS_AT_ONCE, EXPORTS_PER_USER, EXPORT_STALL_SECONDS); defaults otherwise. */
  exportLimits?: Partial<ExportLimits>;
}
