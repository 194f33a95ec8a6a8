/**
 * One server of the list benchmark alone under load, for a profiler: starts
 * the engine (as `npm start` does) or the baseline with extra node flags,
 * loads one scenario of list-scenarios.ts (3 s of warm-up, then
 * BENCH_SECONDS), prints what autocannon and /proc measured, and stops the
 * server with SIGTERM, so that `--cpu-prof` and the like write their files.
 *
 *   PROFILE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" DATABASE_URL=postgres://… npx tsx bench/profile-list.ts
 *
 * Settings: PROFILE_SERVER (engine or baseline), PROFILE_SCENARIO (admin,
 * offset or q: the admin's scenarios), PROFILE_FLAGS, PROFILE_PORT (3471),
 * BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_POOL (16). Company
 * `bench` must have been filled by `npm run bench:list` first.
 */
import { bootEngine } from "../engine/boot.ts";
import { schemaOf } from "../engine/companies/company-slug.ts";
import { visibleFields } from "../engine/metadata/entity-fields.ts";
import { prepareBenchCompany } from "./bench-company.ts";
import { benchDatabase } from "./bench-database.ts";
import { startChild } from "./child-server.ts";
import { baselinePath, enginePath, listScenarios } from "./list-scenarios.ts";
import { measured } from "./process-usage.ts";
import { runLoad } from "./run-load.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const server = process.env.PROFILE_SERVER === "baseline" ? "baseline" : "engine";
const flags = (process.env.PROFILE_FLAGS ?? "").split(" ").filter(Boolean);
const seconds = env("BENCH_SECONDS", 10);
const connections = env("BENCH_CONNECTIONS", 32);
const key = process.env.PROFILE_SCENARIO ?? "admin";
const scenario = listScenarios(process.env.BENCH_Q ?? "恒达").find(
  (s) => s.key === key && s.user === "admin",
);
if (!scenario) throw new Error(`PROFILE_SCENARIO: no admin scenario "${key}"`);

const database = benchDatabase();
const deps = await bootEngine({ database: database.config });
const cookie = await prepareBenchCompany(deps, "bench");
const company = await deps.companies.get((await deps.companies.find("bench"))!);
const customer = company.meta.entities.customer!;
const columns = [
  "id",
  ...visibleFields(customer).map(([n]) => n),
  ...["owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "version"],
];
await deps.database.close();

const child = await startChild(
  server === "engine" ? "engine/main.ts" : "bench/baseline-server.ts",
  env("PROFILE_PORT", 3471),
  {
    ...database.env,
    DATABASE_POOL_SIZE: String(env("BENCH_POOL", 16)),
    SEED_DEMO: "false",
    HOST: "127.0.0.1",
    BENCH_SCHEMA: schemaOf("bench"),
    BENCH_COLUMNS: columns.join(","),
    BENCH_SEARCH_COLUMNS: (customer.entity.search ?? []).join(","),
  },
  flags,
);
const url = child.url + (server === "engine" ? enginePath(scenario) : baselinePath(scenario));
await runLoad(url, cookie, connections, 3);
const round = await measured(child.pid, () => runLoad(url, cookie, connections, seconds));
const r = round.result;
console.log(
  `${server} ${scenario.key}: ${r.requestsPerSecond} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ` +
    `CPU ${(round.cpuMs / r.sent).toFixed(2)} ms/req, RSS ${round.rssMb.toFixed(0)} MB (peak ${round.peakMb.toFixed(0)})`,
);
await child.stop();
