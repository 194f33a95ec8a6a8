import type { LoginThrottle } from "./auth/login-throttle.ts";
import type { PasswordQueue } from "./auth/password-queue.ts";
import type { SessionPolicy } from "./auth/session-policy.ts";
import type { CompanyContexts } from "./companies/company-contexts.ts";
import type { Database } from "./db/database.ts";
import type { ExportLimits } from "./db/export-limits.ts";
import type { BaseMetadata } from "./metadata/metadata-types.ts";
import type { ModuleSet } from "./modules/module-set.ts";

/** Everything the HTTP app needs, passed in so that tests control the clock and ids. */
export interface EngineDeps {
  database: Database;
  base: BaseMetadata;
  /** The installed modules, in dependency order (engine-modules.ts, and a test's own). */
  modules: ModuleSet;
  companies: CompanyContexts;
  now: () => Date;
  newId: () => string;
  sessionPolicy: SessionPolicy;
  /** Set the Secure flag on cookies (served over HTTPS). */
  secureCookies: boolean;
  /** The URL users reach the server at, when configured: the origin cross-site checks compare with. */
  publicUrl: string | undefined;
  /**
   * How many reverse proxies in front of the engine append to X-Forwarded-For
   * (TRUST_PROXY); 0 takes the socket's peer as the client.
   */
  trustProxy: number;
  loginThrottle: LoginThrottle;
  /** Every password hash of the process (login, password change, users) takes its turn here. */
  passwordQueue: PasswordQueue;
  /** Answer GET /api/auth/companies for the login picker (LIST_COMPANIES); off unless set. */
  listCompanies?: boolean;
  /** Bounds on exports (EXPORTS_AT_ONCE, EXPORTS_PER_USER, EXPORT_STALL_SECONDS); defaults otherwise. */
  exportLimits?: Partial<ExportLimits>;
}
