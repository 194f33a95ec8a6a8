import path from "node:path";
import {
  defaultPasswordQueueLimits,
  waitingPerHash,
  type PasswordQueueLimits,
} from "./auth/password-queue.ts";
import { defaultSessionPolicy, type SessionPolicy } from "./auth/session-policy.ts";
import { defaultCompanyContexts } from "./companies/context-capacity.ts";
import type { DatabaseConfig } from "./db/database.ts";
import { defaultExportLimits, exportIdleTimeoutMs, type ExportLimits } from "./db/export-limits.ts";

/** Configuration from the environment; every variable is documented in README.md. */
export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  seedDemo: boolean;
  secureCookies: boolean;
  publicUrl: string | undefined;
  /** Reverse proxies in front of the engine that append to X-Forwarded-For; 0 trusts none. */
  trustProxy: number;
  session: SessionPolicy;
  passwordHashing: PasswordQueueLimits;
  /** Let the login screen list the companies (reveals who else is hosted). */
  listCompanies: boolean;
  exportLimits: ExportLimits;
  /** Whether this process runs jobs (JOB_WORKERS=false leaves them to other processes). */
  jobWorkers: boolean;
  /** Company contexts (effective metadata and what derives from it) kept in memory at most. */
  companyContexts: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? "./data");
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const exportLimits: ExportLimits = {
    ...defaultExportLimits,
    atOnce: whole(env, "EXPORTS_AT_ONCE", defaultExportLimits.atOnce),
    perUser: whole(env, "EXPORTS_PER_USER", defaultExportLimits.perUser),
    stallMs: whole(env, "EXPORT_STALL_SECONDS", defaultExportLimits.stallMs / 1000) * 1000,
  };
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir,
    database: env.DATABASE_URL
      ? {
          kind: "postgres",
          url: env.DATABASE_URL,
          poolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
          exportPoolSize: exportLimits.atOnce,
          exportIdleMs: exportIdleTimeoutMs(exportLimits),
          // Only with DATABASE_URL: the embedded database has one role, so the owner's is moot there.
          ...(env.DATABASE_OWNER_URL ? { ownerUrl: env.DATABASE_OWNER_URL } : {}),
        }
      : { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    exportLimits,
    companyContexts: count(env, "COMPANY_CONTEXTS", defaultCompanyContexts, 1),
    seedDemo: env.SEED_DEMO !== "false",
    secureCookies: (env.PUBLIC_URL ?? "").startsWith("https://"),
    publicUrl: publicUrl(env.PUBLIC_URL),
    trustProxy: proxyHops(env.TRUST_PROXY),
    listCompanies: env.LIST_COMPANIES === "true",
    jobWorkers: env.JOB_WORKERS !== "false",
    session: {
      inactivityMs: minutes(
        env,
        "SESSION_IDLE_MINUTES",
        defaultSessionPolicy.inactivityMs / 60_000,
      ),
      absoluteMs: minutes(
        env,
        "SESSION_LIFETIME_MINUTES",
        defaultSessionPolicy.absoluteMs / 60_000,
      ),
    },
    passwordHashing: passwordHashing(env),
  };
}

/** TRUST_PROXY: `false` (none), `true` (one proxy) or the number of proxies in the chain. */
function proxyHops(value: string | undefined): number {
  if (value === undefined || value === "" || value === "false") return 0;
  if (value === "true") return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new Error(
      `TRUST_PROXY must be true, false or the number of proxies in front of the server (0–10), not "${value}"`,
    );
  return n;
}

function passwordHashing(env: NodeJS.ProcessEnv): PasswordQueueLimits {
  const limits = defaultPasswordQueueLimits(env);
  const concurrency = count(env, "PASSWORD_HASHING_CONCURRENCY", limits.concurrency, 1);
  return {
    ...limits,
    concurrency,
    maxWaiting: count(env, "PASSWORD_HASHING_QUEUE", waitingPerHash * concurrency, 0),
  };
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, not "${value}"`);
  return n;
}

function publicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    throw new Error(`PUBLIC_URL must be a URL such as https://crm.example.com, not "${value}"`);
  }
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number ≥ 1, not "${value}"`);
  return n;
}

function minutes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback * 60_000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number of minutes ≥ 1, not "${value}"`);
  return n * 60_000;
}
