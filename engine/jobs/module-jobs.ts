import type { CompanyContext } from "../companies/company-context.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import type { JobQueue } from "./job-queue.ts";

/** How long a job may run when it does not say (`timeoutSeconds`). */
export const defaultJobTimeoutSeconds = 300;

/**
 * Work a module runs away from requests, for one company at a time: queued by
 * its code (`deps.jobs.send(company, "loyalty.expire", data)`) or on a cron
 * schedule, kept in the database so that any engine process may run it and
 * none runs it twice.
 *
 * @example
 * { name: "expire", cron: "0 2 * * *", run: async ({ company, deps }) => { … } }
 */
export interface ModuleJob {
  /** Unique within the module, lower-case: the queue is `<module>.<name>`. */
  readonly name: string;
  /**
   * Five-field cron, read in each company's time zone: the job is queued
   * once per firing for every company that has the module on.
   */
  readonly cron?: string;
  /** Tries after the first failure (default 3), each later than the one before. */
  readonly retryLimit?: number;
  /** Seconds before the first retry (default 30); doubled at each next one. */
  readonly retryDelaySeconds?: number;
  /** A run longer than this fails, and is retried (default 300 s). */
  readonly timeoutSeconds?: number;
  run(job: JobRun): Promise<void>;
}

/** One run of a job: its company (as the company itself, with every right), its data and its try. */
export interface JobRun {
  readonly company: CompanyContext;
  /** What it was queued with; a cron job's is `{firedAt}`, the minute it fired for (ISO). */
  readonly data: Readonly<Record<string, unknown>>;
  /** 0 on the first try. */
  readonly retry: number;
  readonly deps: ModuleDeps;
}

declare module "../modules/engine-module.ts" {
  interface EngineModule {
    /** Its jobs: queued by its code or on a schedule, run by any engine process. */
    readonly jobs?: readonly ModuleJob[];
  }
  interface ModuleDeps {
    /** Where a module queues its jobs. */
    readonly jobs: JobQueue;
  }
}

declare module "../records/record-hooks.ts" {
  interface HookServices {
    /** Where a hook queues a job, for work that must not hold the write. */
    readonly jobs: JobQueue;
  }
}
