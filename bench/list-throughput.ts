/**
 * List benchmark (issue 14): the engine's list endpoint against a
 * hand-written Hono + pg route with prepared statements (baseline-server.ts),
 * on 1,000,000 customers of one company, in one run of interleaved rounds
 * (engine, baseline, baseline, engine…), for the scenarios of
 * list-scenarios.ts. Both answers are first compared byte for byte. Prints
 * per scenario the medians of requests/s, p50, p99, CPU per request and
 * memory of each server and their ratios against the targets, how often
 * PostgreSQL planned the page statements, and the engine on PGlite for
 * information.
 *
 *   DATABASE_URL=postgres://… [DATABASE_OWNER_URL=postgres://…] npm run bench:list
 *
 * Settings (bench/README.md): BENCH_ROWS, BENCH_CONNECTIONS, BENCH_SECONDS,
 * BENCH_ROUNDS, BENCH_WARMUP, BENCH_POOL, BENCH_Q, BENCH_SCENARIOS,
 * BENCH_ALLOW_DIFF, BENCH_PGLITE_ROWS.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSession } from "../engine/auth/sessions.ts";
import pg from "pg";
import { bootEngine } from "../engine/boot.ts";
import { schemaOf } from "../engine/companies/company-slug.ts";
import { visibleFields } from "../engine/metadata/entity-fields.ts";
import { prepareBenchCompany } from "./bench-company.ts";
import { benchDatabase } from "./bench-database.ts";
import { probeFlags, startChild, type ChildServer } from "./child-server.ts";
import { waitForQuiet } from "./database-quiet.ts";
import { prepareDepartmentScope } from "./department-scope.ts";
import { jsonDifference } from "./json-difference.ts";
import { roundLine, scenarioTable, summary, type Round } from "./list-report.ts";
import { baselinePath, enginePath, listScenarios, type ListScenario } from "./list-scenarios.ts";
import { measured } from "./process-usage.ts";
import { runLoad } from "./run-load.ts";
import { seedCustomers } from "./seed-customers.ts";
import { seedPgliteCustomers } from "./seed-pglite-customers.ts";
import {
  askProbe,
  statementPlans,
  statStatements,
  type ProbeReport,
  type StatementPlans,
} from "./statement-plans.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const rows = env("BENCH_ROWS", 1_000_000);
const connections = env("BENCH_CONNECTIONS", 32);
const seconds = env("BENCH_SECONDS", 8);
const rounds = env("BENCH_ROUNDS", 5);
const warmup = env("BENCH_WARMUP", 3);
const pool = env("BENCH_POOL", 16);
const pgliteRows = env("BENCH_PGLITE_ROWS", 100_000);
const allowDiff = process.env.BENCH_ALLOW_DIFF === "1";
const slug = "bench";
const schema = schemaOf(slug);
const wanted = (process.env.BENCH_SCENARIOS ?? "admin,scoped,offset,q").split(",");
const scenarios = listScenarios(process.env.BENCH_Q ?? "恒达").filter((s) =>
  wanted.includes(s.key),
);
const noPlans = () => ({
  page: { calls: 0, plans: 0 },
  count: { calls: 0, plans: 0 },
});

/** The page and the count statements of both servers, by their text. */
const statementKinds = {
  page: (text: string) => text.includes(`"customer"`) && /order by/i.test(text),
  count: (text: string) => text.includes(`"customer"`) && /count\(\*\)/i.test(text),
};

const probeDir = mkdtempSync(path.join(tmpdir(), "metacrm-bench-probe-"));

const database = benchDatabase();
const deps = await bootEngine({ database: database.config });
const adminCookie = await prepareBenchCompany(deps, slug);
const company = await deps.companies.get((await deps.companies.find(slug))!);
const customer = company.meta.entities.customer!;
const columns = [
  "id",
  ...visibleFields(customer).map(([n]) => n),
  ...["owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "version"],
];
const started = Date.now();
const added = await seedCustomers(database.ownerUrl, schema, rows);
console.log(
  `PostgreSQL: ${rows} customers in company "${slug}" (${added} added by COPY in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
const salesId = await prepareDepartmentScope(database.ownerUrl, schema);
const cookies = {
  admin: adminCookie,
  scoped: `sid=${await createSession(deps.database.db, schema, slug, salesId, new Date())}`,
};
await deps.database.close();

const serverEnv = {
  ...database.env,
  DATABASE_POOL_SIZE: String(pool),
  SEED_DEMO: "false",
  HOST: "127.0.0.1",
};
const servers = {
  engine: await startChild(
    "engine/main.ts",
    3301,
    { ...serverEnv, BENCH_PROBE_FILE: path.join(probeDir, "engine.json") },
    probeFlags,
  ),
  baseline: await startChild(
    "bench/baseline-server.ts",
    3302,
    {
      ...serverEnv,
      BENCH_SCHEMA: schema,
      BENCH_COLUMNS: columns.join(","),
      BENCH_SEARCH_COLUMNS: (customer.entity.search ?? []).join(","),
      BENCH_PROBE_FILE: path.join(probeDir, "baseline.json"),
    },
    probeFlags,
  ),
};
type Server = keyof typeof servers;
const watcher = new pg.Client({ connectionString: database.url });
await watcher.connect();
const url = (server: Server, s: ListScenario) =>
  `${servers[server].url}${server === "engine" ? enginePath(s) : baselinePath(s)}`;

try {
  await compareAnswers();
  console.log(`warming up (${warmup} s per scenario and server)…`);
  for (const s of scenarios)
    for (const server of ["engine", "baseline"] as const) {
      await runLoad(url(server, s), cookies[s.user], connections, warmup);
      await waitForQuiet(watcher);
    }
  const results = new Map<string, Record<Server, Round[]>>(
    scenarios.map((s) => [s.key, { engine: [], baseline: [] }]),
  );
  const plans = new Map<string, Record<Server, { page: StatementPlans; count: StatementPlans }>>(
    scenarios.map((s) => [s.key, { engine: noPlans(), baseline: noPlans() }]),
  );
  const probes: Record<Server, ProbeReport | undefined> = {
    engine: await probe("engine"),
    baseline: await probe("baseline"),
  };
  for (let round = 1; round <= rounds; round++) {
    for (const s of scenarios) {
      const order =
        round % 2 ? (["engine", "baseline"] as const) : (["baseline", "engine"] as const);
      for (const server of order) {
        // Until the server and the database are quiet again: what a round started, it pays for.
        const r = await measured(servers[server].pid, async () => {
          const result = await runLoad(url(server, s), cookies[s.user], connections, seconds);
          await waitForQuiet(watcher);
          return result;
        });
        results.get(s.key)![server].push(r);
        // Each scenario has a page statement of its own shape: the round's are those that ran.
        const report = await probe(server);
        const sums = plans.get(s.key)![server];
        for (const kind of ["page", "count"] as const) {
          const d = statementPlans(probes[server], report, statementKinds[kind]);
          sums[kind] = { calls: sums[kind].calls + d.calls, plans: sums[kind].plans + d.plans };
        }
        probes[server] = report;
        console.log(`round ${round} ${s.key.padEnd(6)} ${server.padEnd(8)} ${roundLine(r)}`);
      }
    }
  }
  console.log(
    `\nPostgreSQL, ${rows} customers, ${connections} connections, ${pool} per server's pool; median of ${rounds} rounds × ${seconds} s:`,
  );
  for (const s of scenarios) {
    const { engine, baseline } = results.get(s.key)!;
    console.log(`\n${scenarioTable(s.title, summary(engine), summary(baseline))}`);
    const p = plans.get(s.key)!;
    console.log(
      `  PostgreSQL calls/plans: page engine ${p.engine.page.calls}/${p.engine.page.plans}, baseline ${p.baseline.page.calls}/${p.baseline.page.plans}; count engine ${p.engine.count.calls}/${p.engine.count.plans}, baseline ${p.baseline.count.calls}/${p.baseline.count.plans}`,
    );
  }
  const unscoped = results.get("admin");
  const scoped = results.get("scoped");
  if (unscoped && scoped) {
    const ratio = (server: Server) => summary(scoped[server]).rps / summary(unscoped[server]).rps;
    console.log(
      `\nscoped / unscoped throughput: engine ${ratio("engine").toFixed(2)} (target ≥ 0.9: ${ratio("engine") >= 0.9 ? "met" : "NOT met"}), baseline ${ratio("baseline").toFixed(2)}`,
    );
  }
  await reportMemory(probes);
} finally {
  await watcher.end();
  await servers.engine.stop();
  await servers.baseline.stop();
  rmSync(probeDir, { recursive: true, force: true });
}
if (pgliteRows > 0) await pglite();

function probe(server: Server): Promise<ProbeReport> {
  return askProbe(servers[server].pid, path.join(probeDir, `${server}.json`));
}

/** Byte-compares both servers' answers to every scenario; a difference stops the run unless allowed. */
async function compareAnswers() {
  let differ = false;
  for (const s of scenarios) {
    const read = async (server: Server) => {
      const res = await fetch(url(server, s), { headers: { cookie: cookies[s.user] } });
      return { status: res.status, text: await res.text() };
    };
    const e = await read("engine");
    const b = await read("baseline");
    const answer = JSON.parse(b.text) as { items: unknown[]; total: number; totalKind: string };
    const difference =
      e.status !== b.status
        ? `status: engine ${e.status}, baseline ${b.status}`
        : jsonDifference(e.text, b.text);
    console.log(
      `${s.title}: ${answer.items.length} rows of ${answer.total} (${answer.totalKind}), ${b.text.length} bytes; ${difference ? `answers DIFFER at ${difference}` : "byte-identical"}`,
    );
    differ ||= difference !== undefined;
  }
  if (differ && !allowDiff)
    throw new Error(
      "the engine and the baseline answer differently (BENCH_ALLOW_DIFF=1 measures anyway)",
    );
}

/** Where each server's memory is (server-probe.js), and pg_stat_statements when the server has it. */
async function reportMemory(reports: Record<Server, ProbeReport | undefined>) {
  console.log("\nMemory at the end of the last round:");
  for (const server of ["engine", "baseline"] as const) {
    const report = reports[server]!;
    const m = report.memory;
    const space = (name: string) =>
      (report.spaces.find((s) => s.name === name)?.committed ?? 0) / 2 ** 20;
    console.log(
      `  ${server.padEnd(8)} RSS ${(m.rss / 2 ** 20).toFixed(0)} MB: heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB used of ${(m.heapTotal / 2 ** 20).toFixed(0)} (new space ${space("new_space").toFixed(0)}, old space ${space("old_space").toFixed(0)}, code ${space("code_space").toFixed(0)}), external ${(m.external / 2 ** 20).toFixed(0)} MB`,
    );
  }
  const stat = await statStatements(database.url, `"customer"`);
  console.log(
    typeof stat === "string"
      ? `pg_stat_statements: not used (${stat}); calls/plans above come from pg_prepared_statements, asked inside the servers (server-probe.js)`
      : `pg_stat_statements (every statement on customer, since its last reset): ${stat.calls} calls, ${stat.plans} plans`,
  );
}

/** The engine alone on the embedded database, for information: scenario (a). */
async function pglite() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "metacrm-bench-"));
  let engine: ChildServer | undefined;
  try {
    const local = await bootEngine({
      database: { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    });
    const cookie = await prepareBenchCompany(local, slug);
    const seeded = Date.now();
    await seedPgliteCustomers(local.database.db, schema, pgliteRows);
    await local.database.close();
    console.log(
      `\nPGlite (for information): ${pgliteRows} customers seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`,
    );
    engine = await startChild("engine/main.ts", 3303, {
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      HOST: "127.0.0.1",
      DATABASE_URL: "",
      DATABASE_OWNER_URL: "",
    });
    const target = `${engine.url}${enginePath(listScenarios("")[0]!)}`;
    await runLoad(target, cookie, connections, warmup);
    const r = await measured(engine.pid, () => runLoad(target, cookie, connections, seconds));
    console.log(`  (a) engine on PGlite  ${roundLine(r)}`);
  } finally {
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
