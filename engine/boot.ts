import { v7 as uuidv7 } from "uuid";
import { LoginThrottle } from "./auth/login-throttle.ts";
import {
  defaultPasswordQueueLimits,
  PasswordQueue,
  type PasswordQueueLimits,
} from "./auth/password-queue.ts";
import { defaultSessionPolicy, type SessionPolicy } from "./auth/session-policy.ts";
import { CompanyContexts } from "./companies/company-contexts.ts";
import { protectAuditTrails } from "./audit/audit-table.ts";
import { ensurePlatformSchema } from "./companies/platform-schema.ts";
import { openDatabase, type DatabaseConfig } from "./db/database.ts";
import type { EngineDeps } from "./engine-deps.ts";
import { loadBaseMetadata } from "./metadata/load-base-metadata.ts";
import { installedModules } from "./engine-modules.ts";
import type { ModuleSet } from "./modules/module-set.ts";
import { projectRoot } from "./project/project-root.ts";
import { JobQueue } from "./jobs/job-queue.ts";
import { queueSearchFill } from "./search/search-fill-job.ts";
import { queueDuplicateFill } from "./duplicates/duplicate-fill-job.ts";
import { EffectRegistry } from "./effects/effect-registry.ts";

export interface BootOptions {
  database: DatabaseConfig;
  root?: string;
  now?: () => Date;
  newId?: () => string;
  sessionPolicy?: SessionPolicy;
  secureCookies?: boolean;
  publicUrl?: string | undefined;
  trustProxy?: number;
  passwordHashing?: PasswordQueueLimits;
  modules?: ModuleSet;
  /** Run queued and scheduled jobs in this process (JOB_WORKERS); they are queued either way. */
  jobWorkers?: boolean;
  /** Where a start reports the plugins it left off (standard error by default). */
  report?: (line: string) => void;
  /** Company contexts kept in memory at most (company-contexts.ts). */
  companyContexts?: number;
}

/**
 * Loads the base metadata (refusing to start when it is invalid), opens the
 * database and the platform schema, gives the owner role (when there is one)
 * every audit trail the engine's role still owns, and wires the engine's
 * dependencies.
 */
export async function bootEngine(options: BootOptions): Promise<EngineDeps> {
  const root = options.root ?? projectRoot;
  let modules = options.modules;
  let plugins: readonly string[] | undefined;
  if (!modules) {
    const installed = await installedModules(root);
    for (const failure of installed.failures) (options.report ?? console.error)(failure.message);
    ({ modules, plugins } = installed);
  }
  const base = loadBaseMetadata(root, plugins);
  const database = await openDatabase(options.database);
  try {
    await ensurePlatformSchema(database, modules);
    await protectAuditTrails(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  const now = options.now ?? (() => new Date());
  const jobs = new JobQueue(database, modules, { work: options.jobWorkers ?? true });
  return {
    database,
    base,
    modules,
    companies: new CompanyContexts(database.db, base, modules, options.companyContexts, (slug) => {
      queueSearchFill(jobs, slug);
      queueDuplicateFill(jobs, slug);
    }),
    now,
    newId: options.newId ?? (() => uuidv7()),
    sessionPolicy: options.sessionPolicy ?? defaultSessionPolicy,
    secureCookies: options.secureCookies ?? false,
    publicUrl: options.publicUrl,
    trustProxy: options.trustProxy ?? 0,
    loginThrottle: new LoginThrottle(database.db),
    passwordQueue: new PasswordQueue(options.passwordHashing ?? defaultPasswordQueueLimits()),
    jobs,
    effects: new EffectRegistry(modules, { now, jobs }),
  };
}
