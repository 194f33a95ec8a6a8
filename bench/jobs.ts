/**
 * Job queue benchmark (issue "Plugins"): how long pg-boss takes to queue and
 * run jobs on the engine's database, embedded and PostgreSQL, in one run.
 *
 *   [DATABASE_URL=postgres://…] npm run bench:jobs
 *
 * Settings: BENCH_JOBS (500).
 */
import { sql } from "kysely";
import { bootEngine } from "../engine/boot.ts";
import type { DatabaseConfig } from "../engine/db/database.ts";
import { engineModules } from "../engine/engine-modules.ts";
import { verbatim } from "../engine/i18n/text.ts";
import { JobQueue } from "../engine/jobs/job-queue.ts";
import type { EngineModule } from "../engine/modules/engine-module.ts";
import { ModuleSet } from "../engine/modules/module-set.ts";
import { withServices } from "../engine/module-services.ts";
import { prepareBenchCompany } from "./bench-company.ts";

const count = Number(process.env.BENCH_JOBS ?? 500);
let done = 0;
const benchModule: EngineModule = {
  key: "x_bench",
  label: verbatim("Bench"),
  description: verbatim("A job that counts."),
  version: "1.0.0",
  dependsOn: ["core"],
  jobs: [{ name: "count", run: async () => void done++ }],
};

async function measure(label: string, config: DatabaseConfig) {
  const modules = new ModuleSet([...engineModules, benchModule]);
  const deps = await bootEngine({ database: config, modules });
  await prepareBenchCompany(deps, "bench");
  const queue = new JobQueue(deps.database, modules, { work: true, pollSeconds: 0.5 });
  let t = performance.now();
  await queue.start(withServices({ ...deps, jobs: queue, publicUrl: undefined }));
  const startMs = performance.now() - t;
  done = 0;
  t = performance.now();
  for (let i = 0; i < count; i++) await queue.send("bench", "x_bench.count", { i });
  const sendMs = performance.now() - t;
  while (done < count) await new Promise((r) => setTimeout(r, 20));
  const allMs = performance.now() - t;
  console.log(
    `${label.padEnd(10)} start ${startMs.toFixed(0).padStart(5)} ms   send ${(sendMs / count).toFixed(2)} ms/job   ${count} queued and run in ${(allMs / 1000).toFixed(1)} s (${(count / (allMs / 1000)).toFixed(0)} jobs/s, one worker)`,
  );
  await queue.stop();
  await sql`drop schema if exists pgboss cascade`.execute(
    deps.database.owner?.db ?? deps.database.db,
  );
  await deps.database.close();
}

await measure("PGlite", { kind: "pglite", dataDir: undefined });
if (process.env.DATABASE_URL) {
  const url = process.env.DATABASE_URL;
  await measure("PostgreSQL", {
    kind: "postgres",
    url,
    ...(process.env.DATABASE_OWNER_URL ? { ownerUrl: process.env.DATABASE_OWNER_URL } : {}),
  });
}
