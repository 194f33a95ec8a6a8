import { v7 as uuidv7 } from "uuid";
import { createApp } from "../../engine/app.ts";
import { LoginThrottle } from "../../engine/auth/login-throttle.ts";
import { defaultPasswordQueueLimits, PasswordQueue } from "../../engine/auth/password-queue.ts";
import { defaultSessionPolicy } from "../../engine/auth/session-policy.ts";
import { CompanyContexts } from "../../engine/companies/company-contexts.ts";
import { createCompany } from "../../engine/companies/create-company.ts";
import {
  defaultCompanySettings,
  type CompanySettings,
} from "../../engine/companies/company-settings.ts";
import { ensurePlatformSchema } from "../../engine/companies/platform-schema.ts";
import type { Database } from "../../engine/db/database.ts";
import type { EngineDeps } from "../../engine/engine-deps.ts";
import { loadBaseMetadata } from "../../engine/metadata/load-base-metadata.ts";
import type { BaseMetadata } from "../../engine/metadata/metadata-types.ts";
import { projectRoot } from "../../engine/project/project-root.ts";
import { testDatabase } from "./test-database.ts";
import { TestClient } from "./test-client.ts";
import { installedModules, type InstalledModules } from "../../engine/engine-modules.ts";
import type { ModuleSet } from "../../engine/modules/module-set.ts";
import { JobQueue } from "../../engine/jobs/job-queue.ts";
import { queueSearchFill } from "../../engine/search/search-fill-job.ts";
import { EffectRegistry } from "../../engine/effects/effect-registry.ts";

/** A clock tests move by hand. */
export class TestClock {
  constructor(public current = new Date("2026-11-27T02:00:00.000Z")) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestEngine {
  deps: EngineDeps;
  app: ReturnType<typeof createApp>;
  clock: TestClock;
}

let installed: Promise<InstalledModules> | undefined;
/** The base metadata with the shipped plugins a module set has, by their names. */
const baseMetadata = new Map<string, BaseMetadata>();

/**
 * An engine on the run's shared database. Each call gets its own process
 * state (metadata cache), as a second engine process would; pass `base` to
 * run it on other base metadata, or `database` to use another database.
 */
export async function testEngine(
  options: {
    base?: BaseMetadata;
    database?: Database;
    newId?: () => string;
    modules?: ModuleSet;
    /** Company contexts the engine keeps (CompanyContexts' capacity). */
    companyContexts?: number;
  } = {},
): Promise<TestEngine> {
  const database = options.database ?? (await testDatabase());
  installed ??= installedModules(projectRoot);
  const { modules: shipped, plugins, failures } = await installed;
  if (failures.length > 0) throw new Error(failures.map((f) => f.message).join("\n"));
  const modules = options.modules ?? shipped;
  await ensurePlatformSchema(database, modules);
  // A test's own module set may leave shipped plugins out: their metadata then stays out too.
  const present = plugins.filter((p) => modules.get(p));
  const key = present.join();
  if (!options.base && !baseMetadata.has(key))
    baseMetadata.set(key, loadBaseMetadata(projectRoot, present));
  const base = options.base ?? baseMetadata.get(key)!;
  const clock = new TestClock();
  // Started only by the tests that run jobs; polling twice a second keeps them short.
  const jobs = new JobQueue(database, modules, { work: true, pollSeconds: 0.5 });
  const deps: EngineDeps = {
    database,
    base,
    modules,
    companies: new CompanyContexts(database.db, base, modules, options.companyContexts, (slug) =>
      queueSearchFill(jobs, slug),
    ),
    now: clock.now,
    newId: options.newId ?? (() => uuidv7()),
    sessionPolicy: defaultSessionPolicy,
    secureCookies: false,
    publicUrl: undefined,
    trustProxy: 1,
    loginThrottle: new LoginThrottle(database.db),
    passwordQueue: new PasswordQueue(defaultPasswordQueueLimits()),
    jobs,
    effects: new EffectRegistry(modules, { now: clock.now, jobs }),
  };
  return { deps, app: createApp(deps), clock };
}

let companyCounter = 0;

export interface TestCompany {
  slug: string;
  admin: TestClient;
}

/** Creates a company with a unique slug and returns a client logged in as its admin. */
export async function testCompany(
  engine: TestEngine,
  prefix = "t",
  settings: Partial<CompanySettings> = {},
): Promise<TestCompany> {
  const slug = `${prefix}${process.pid}_${++companyCounter}_${Date.now() % 100000}`;
  const password = "admin-password-1";
  await createCompany(
    engine.deps.database,
    engine.deps.base,
    engine.deps.modules,
    {
      slug,
      name: `Test ${slug}`,
      settings: { ...defaultCompanySettings, ...settings },
      admin: { username: "admin", password },
    },
    engine.deps.newId,
  );
  const admin = new TestClient(engine.app);
  await admin.login(slug, "admin", password);
  return { slug, admin };
}

/** A client of `engine` that carries the session cookie of `from` (sessions live in the database). */
export function sameSession(engine: TestEngine, from: TestClient): TestClient {
  const client = new TestClient(engine.app);
  client.cookie = from.cookie;
  return client;
}
