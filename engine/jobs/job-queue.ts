import cronParser from "cron-parser";
import { CompiledQuery, sql } from "kysely";
import type PgBoss from "pg-boss";
import type { Database, Db } from "../db/database.ts";
import { createOwnedSchema } from "../db/schema-owner.ts";
import { platformTables } from "../db/system-tables.ts";
import type { EngineModule, ModuleDeps } from "../modules/engine-module.ts";
import type { ModuleSet } from "../modules/module-set.ts";
import { defaultJobTimeoutSeconds, type ModuleJob } from "./module-jobs.ts";

/** The queue's own tables, in a schema no company can be named (companies are `co_<slug>`). */
export const jobSchema = "pgboss";

/** Jobs a worker takes at a time, one after the other. */
const batchSize = 20;

/** How many missed minutes a clock that was stopped still fires. */
const catchUpMinutes = 10;

/** Where a job is: pg-boss's states. */
export const jobStates = [
  "created",
  "retry",
  "active",
  "completed",
  "cancelled",
  "failed",
] as const;
export type JobState = (typeof jobStates)[number];

/** A job as a company's admins see it. */
export interface JobView {
  id: string;
  /** `<module>.<job>`. */
  name: string;
  /** What it was queued with: a cron job's minute, a search fill's progress. */
  data: Record<string, unknown>;
  state: JobState;
  retries: number;
  retryLimit: number;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** Why its last try failed, while failed or waiting to retry. */
  error: string | null;
}

/** What a job's row carries beside its own data: the company it runs for. */
interface JobData {
  readonly company: string;
  readonly data: Record<string, unknown>;
}

/** How one engine process takes part in the queue. */
export interface JobQueueOptions {
  /** Run jobs here (JOB_WORKERS, default on); off, the process still queues them. */
  readonly work: boolean;
  /** How often an idle worker looks for work, in seconds (default 2). */
  readonly pollSeconds?: number;
  /** How often the cron clock is read, in seconds (default 30): a firing is queued at most this late. */
  readonly clockSeconds?: number;
}

/**
 * The engine's job queue: pg-boss (a PostgreSQL queue with retries, backoff,
 * cron and exactly-once firing across processes), run on the engine's own
 * database through `Database.runSql`, on PostgreSQL and on the embedded
 * database alike. Each module job is a queue `<module>.<job>`; a job's row
 * names its company, and the job runs with that company's context, skipped
 * when the company has switched the module off.
 */
export class JobQueue {
  #clock: NodeJS.Timeout | undefined;
  readonly #jobs = new Map<string, { module: EngineModule; job: ModuleJob }>();
  #boss: PgBoss | undefined;
  #starting: Promise<PgBoss> | undefined;

  constructor(
    private readonly database: Database,
    modules: ModuleSet,
    private readonly options: JobQueueOptions,
  ) {
    for (const module of modules.ordered)
      for (const job of module.jobs ?? []) {
        if (!/^[a-z][a-z0-9_]{0,39}$/.test(job.name))
          throw new Error(
            `module "${module.key}": job name "${job.name}" must be lower-case letters, digits or _`,
          );
        if (job.cron !== undefined) cronParser.parseExpression(job.cron);
        this.#jobs.set(`${module.key}.${job.name}`, { module, job });
      }
  }

  /** The queue names of the installed modules' jobs. */
  get names(): string[] {
    return [...this.#jobs.keys()];
  }

  /**
   * Installs or updates the queue's tables, creates the queues and, when this
   * process works, starts polling and the cron clock. Idempotent.
   */
  start(deps: ModuleDeps): Promise<PgBoss> {
    this.#starting ??= this.#start(deps);
    return this.#starting;
  }

  async #start(deps: ModuleDeps): Promise<PgBoss> {
    const { default: Boss } = await import("pg-boss");
    const owner = this.database.owner;
    if (owner)
      await owner.db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${jobSchema}))`.execute(tx);
        await createOwnedSchema(tx, owner, jobSchema);
      });
    const runSql = this.database.runSql;
    // pg-boss creates its schema itself, which needs CREATE on the database even when the
    // schema exists; an engine role under an owner has none, so the owner made it above.
    const adapted = (text: string) =>
      owner ? text.replace(`CREATE SCHEMA IF NOT EXISTS ${jobSchema}`, "SELECT 1") : text;
    const boss = new Boss({
      db: {
        executeSql: (text, values) => runSql(adapted(text), values) as Promise<{ rows: never[] }>,
      },
      schema: jobSchema,
      supervise: this.options.work,
      schedule: this.options.work,
      cronMonitorIntervalSeconds: this.options.clockSeconds ?? 30,
      cronWorkerIntervalSeconds: Math.max(1, this.options.pollSeconds ?? 2),
      migrate: true,
    });
    boss.on("error", (err) => console.error("job queue:", err.message));
    await boss.start();
    for (const [name, { job }] of this.#jobs)
      await boss.createQueue(name, {
        name,
        retryLimit: job.retryLimit ?? 3,
        retryDelay: job.retryDelaySeconds ?? 30,
        retryBackoff: true,
        expireInSeconds: job.timeoutSeconds ?? defaultJobTimeoutSeconds,
      });
    if (this.options.work) {
      const polling = {
        pollingIntervalSeconds: this.options.pollSeconds ?? 2,
        includeMetadata: true as const,
      };
      // A worker takes a batch, each job of which fails alone (pg-boss completes only the
      // jobs still active); after a full batch it fetches again at once instead of waiting.
      for (const [name, entry] of this.#jobs) {
        let worker = "";
        worker = await boss.work<JobData>(name, { ...polling, batchSize }, async (jobs) => {
          for (const job of jobs)
            await this.#run(deps, entry, job).catch((err: Error) => boss.fail(name, job.id, err));
          if (jobs.length === batchSize) boss.notifyWorker(worker);
        });
      }
      // Every working process reads the clocks of the cron jobs it has: the clocks, not a
      // single firing, keep each minute to one run, and no process skips a job it lacks.
      if ([...this.#jobs.values()].some(({ job }) => job.cron !== undefined)) {
        this.#clock = setInterval(
          () =>
            void this.#tick(boss).catch((err: Error) =>
              console.error(`the cron clock did not move: ${err.message}`),
            ),
          (this.options.clockSeconds ?? 30) * 1000,
        );
        this.#clock.unref();
      }
    }
    this.#boss = boss;
    return boss;
  }

  /** Whether `start` was called: before it, `send` refuses. */
  get started(): boolean {
    return this.#starting !== undefined;
  }

  /**
   * Queues `<module>.<job>` for a company; `key` makes it once only (a second
   * send with it is dropped). Given a transaction (`tx`), the job is queued in
   * it: it runs only if that commits, and on the embedded database the send
   * does not wait for the one connection the transaction holds.
   */
  async send(
    company: string,
    queue: string,
    data: Record<string, unknown> = {},
    options: { key?: string; startAfterSeconds?: number; tx?: Db } = {},
  ): Promise<string | null> {
    if (!this.#jobs.has(queue)) throw new Error(`no job "${queue}" is installed`);
    const boss = this.#boss ?? (await this.#starting);
    if (!boss) throw new Error("the job queue is not started");
    const { tx } = options;
    return boss.send(queue, { company, data } satisfies JobData, {
      ...(options.key === undefined ? {} : { singletonKey: `${company}:${options.key}` }),
      ...(options.startAfterSeconds === undefined ? {} : { startAfter: options.startAfterSeconds }),
      ...(tx
        ? {
            db: {
              executeSql: async (text: string, values: unknown[]) => ({
                rows: (await tx.executeQuery(CompiledQuery.raw(text, values))).rows as never[],
              }),
            },
          }
        : {}),
    });
  }

  /** A company's jobs, newest first, as admins see them: what ran, what failed and why. */
  async list(
    deps: ModuleDeps,
    company: string,
    page: { state?: JobState; limit: number; offset: number },
  ): Promise<{ items: JobView[]; total: number }> {
    await this.start(deps);
    const db = this.database.db;
    let rows = db
      .selectFrom(`${jobSchema}.job`)
      .where(sql`data ->> 'company'`, "=", company)
      .where("name", "in", this.names.length > 0 ? this.names : [""]);
    if (page.state !== undefined) rows = rows.where("state", "=", page.state);
    const [items, total] = await Promise.all([
      rows
        .select([
          "id",
          "name",
          sql<Record<string, unknown>>`coalesce(data -> 'data', '{}'::jsonb)`.as("data"),
          "state",
          "retry_count as retries",
          "retry_limit as retryLimit",
          "created_on as createdAt",
          "started_on as startedAt",
          "completed_on as completedAt",
          sql<string | null>`output ->> 'message'`.as("error"),
        ])
        .orderBy("created_on", "desc")
        .orderBy("id")
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      rows.select(sql<number>`count(*)::int8`.as("n")).executeTakeFirstOrThrow(),
    ]);
    return {
      items: items.map((row) => ({
        ...row,
        error: row.state === "failed" || row.state === "retry" ? row.error : null,
      })) as JobView[],
      total: total.n,
    };
  }

  /** Runs a company's failed job again; false when it has no such failed job. */
  async retry(deps: ModuleDeps, company: string, id: string): Promise<boolean> {
    const boss = await this.start(deps);
    const row = await this.database.db
      .selectFrom(`${jobSchema}.job`)
      .select("name")
      .where("id", "=", id)
      .where(sql`data ->> 'company'`, "=", company)
      .where("state", "=", "failed")
      .executeTakeFirst();
    if (!row || !this.#jobs.has(row.name as string)) return false;
    await boss.retry(row.name as string, id);
    return true;
  }

  async stop(): Promise<void> {
    clearInterval(this.#clock);
    this.#clock = undefined;
    const boss = this.#boss ?? (await this.#starting?.catch(() => undefined));
    this.#boss = undefined;
    this.#starting = undefined;
    await boss?.stop({ graceful: true, wait: true, close: false });
  }

  async #run(
    deps: ModuleDeps,
    { module, job }: { module: EngineModule; job: ModuleJob },
    row: PgBoss.JobWithMetadata<JobData>,
  ): Promise<void> {
    const found = await deps.companies.find(row.data.company);
    if (!found) return;
    const company = await deps.companies.get(found);
    if (company.modulesOff.has(module.key)) return;
    await job.run({ company, data: row.data.data, retry: row.retryCount, deps });
  }

  /**
   * The clocks, one per cron job: whichever process moves a job's clock past
   * minutes queues it for each of them, in each company's time zone where it
   * is due. Moving it is one statement, so two processes never queue a
   * minute twice; a firing late by up to the clock's interval is still
   * queued, and a queue that was down catches up at most `catchUpMinutes`.
   * A clock per job, not one for all: a process without a module (a plugin
   * installed on another process first, a test's own module set) must not
   * move past minutes of jobs it does not know.
   */
  async #tick(boss: PgBoss): Promise<void> {
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    let companies: { slug: string; settings: { timezone: string } }[] | undefined;
    for (const [name, { job }] of this.#jobs) {
      if (job.cron === undefined) continue;
      const from = await this.#moveClock(name, now);
      if (from === undefined) continue;
      companies ??= await platformTables(this.database.db)
        .selectFrom("company")
        .select(["slug", "settings"])
        .execute();
      const first = Math.max(from + 60_000, now - catchUpMinutes * 60_000);
      for (let at = first; at <= now; at += 60_000) {
        const minute = new Date(at);
        for (const company of companies)
          if (firesAt(job.cron, company.settings.timezone, minute))
            await boss.send(
              name,
              { company: company.slug, data: { firedAt: minute.toISOString() } } satisfies JobData,
              { singletonKey: `${company.slug}:${minute.toISOString()}` },
            );
      }
    }
  }

  /** Moves a job's clock to `now`, returning where it was (undefined when another process moved it). */
  async #moveClock(name: string, now: number): Promise<number | undefined> {
    const db = this.database.db;
    // A job seen for the first time starts with the minute before: the current one fires.
    await sql`insert into platform.job_clock (key, last_minute) values (${name}, ${new Date(now - 60_000)})
      on conflict do nothing`.execute(db);
    const moved = await sql<{ from: string }>`
      with old as (select last_minute from platform.job_clock where key = ${name} for update)
      update platform.job_clock c set last_minute = ${new Date(now)}
      from old where c.key = ${name} and old.last_minute < ${new Date(now)}
      returning old.last_minute as "from"`.execute(db);
    const from = moved.rows[0]?.from;
    return from === undefined ? undefined : new Date(from).getTime();
  }
}

/** Whether a cron expression fires at this minute, read in a time zone. */
export function firesAt(cron: string, timezone: string, minute: Date): boolean {
  const next = cronParser
    .parseExpression(cron, { tz: timezone, currentDate: new Date(minute.getTime() - 1) })
    .next();
  return next.getTime() === minute.getTime();
}
