import type { JobQueue } from "../jobs/job-queue.ts";
import type { ModuleJob } from "../jobs/module-jobs.ts";
import { fillStep } from "../search-index/search-fill.ts";
import { unfilledEntities } from "../search-index/search-fill-table.ts";

/** The job's queue, of the search module: the core's sync records the fills, this job makes them. */
export const searchFillQueue = "search.fill";

/** Work per run, well within the job's timeout; the rest goes on in the next run. */
const runBudgetMs = 60_000;

/**
 * Fills the search data of a company's entities that sync left unfilled
 * (sync-search-index.ts), batch by batch (search-fill.ts). A run stops
 * after about a minute and queues the next with where it got to
 * (`{entity, filled, rows}`), which the company's job list shows, so a
 * fill of a million rows is a row of jobs that each finish, and a process
 * that dies costs one batch. Queued by each load of a company that has a
 * fill under way; two runs at once share the work.
 */
export const searchFillJob: ModuleJob = {
  name: "fill",
  async run({ company, deps }) {
    const started = Date.now();
    const db = deps.database.db;
    for (const entity of [...(await unfilledEntities(db, company.schema))].sort()) {
      // An entity of a module the company switched off waits until it is on again.
      const def = company.meta.entities[entity];
      if (!def) continue;
      for (;;) {
        const step = await fillStep(db, company.schema, def);
        if (step.state !== "filling") break;
        if (Date.now() - started > runBudgetMs) {
          await deps.jobs.send(company.slug, searchFillQueue, {
            entity,
            filled: step.filled,
            rows: step.rows,
          });
          return;
        }
      }
    }
  },
};

/**
 * Queues a company's fill. Before the queue is started (a process still
 * starting, a test without jobs) it is left to the company's next load.
 */
export function queueSearchFill(jobs: JobQueue, slug: string): void {
  if (!jobs.started) return;
  jobs
    .send(slug, searchFillQueue)
    .catch((err: Error) => console.error(`search fill of ${slug} not queued: ${err.message}`));
}
