import type { JobQueue } from "../jobs/job-queue.ts";
import type { ModuleJob } from "../jobs/module-jobs.ts";
import { fillBatch } from "../duplicate-keys/duplicate-fill.ts";
import { fillingDuplicates } from "../duplicate-keys/sync-duplicate-keys.ts";

/** The job's queue, of the duplicates module: sync records the fills, this job makes them. */
export const duplicateFillQueue = "duplicates.fill";

/** Work per run, well within the job's timeout; the rest goes on in the next run. */
const runBudgetMs = 60_000;

/**
 * Computes the duplicate keys of the rows of entities whose duplicate fields
 * changed on a table too big for the sync to do it (sync-duplicate-keys.ts),
 * batch by batch, each batch in its own short transaction with the place
 * reached. A run stops after about a minute and queues the next; a process
 * that dies costs one batch. Until the fill ends, rows not reached yet are
 * found by their old keys.
 */
export const duplicateFillJob: ModuleJob = {
  name: "fill",
  async run({ company, deps }) {
    const started = Date.now();
    const db = deps.database.db;
    for (const entity of (await fillingDuplicates(db, company.schema)).sort()) {
      const def = company.meta.entities[entity];
      if (!def) continue;
      while (await db.transaction().execute((tx) => fillBatch(tx, company.schema, def))) {
        if (Date.now() - started > runBudgetMs) {
          await deps.jobs.send(company.slug, duplicateFillQueue, { entity });
          return;
        }
      }
    }
  },
};

/** Queues a company's fill; before the queue is started it is left to the company's next load. */
export function queueDuplicateFill(jobs: JobQueue, slug: string): void {
  if (!jobs.started) return;
  jobs
    .send(slug, duplicateFillQueue)
    .catch((err: Error) => console.error(`duplicate fill of ${slug} not queued: ${err.message}`));
}
