/**
 * List benchmark (issue "Metadata core 2/3"): the engine's list endpoint
 * against a hand-written pg route, on 1,000,000 customers in one company,
 * filter on city + newest first + a page of 50 (about 1,000 matching rows).
 * Runs alternate between the two servers; prints requests/s, p99 and ratios.
 *
 *   DATABASE_URL=postgres://… npm run bench:list
 *
 * Settings: BENCH_ROWS (1000000), BENCH_CONNECTIONS (32), BENCH_SECONDS (15),
 * BENCH_ROUNDS (3), BENCH_POOL (16), BENCH_PGLITE_ROWS (100000; 0 skips PGlite).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bootEngine } from "../engine/boot.ts";
import { schemaOf } from "../engine/companies/company-slug.ts";
import { visibleFields } from "../engine/metadata/entity-fields.ts";
import { prepareBenchCompany } from "./bench-company.ts";
import { startChild } from "./child-server.ts";
import { runLoad, type LoadResult } from "./run-load.ts";
import { benchCity, seedCustomers } from "./seed-customers.ts";
import { seedPgliteCustomers } from "./seed-pglite-customers.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const rows = env("BENCH_ROWS", 1_000_000);
const connections = env("BENCH_CONNECTIONS", 32);
const seconds = env("BENCH_SECONDS", 15);
const rounds = env("BENCH_ROUNDS", 3);
const pool = env("BENCH_POOL", 16);
const pgliteRows = env("BENCH_PGLITE_ROWS", 100_000);
const slug = "bench";
const schema = schemaOf(slug);
const filter = encodeURIComponent(JSON.stringify({ field: "city", op: "eq", value: benchCity }));
const enginePath = `/api/data/customer?filter=${filter}&sort=-createdAt&limit=50`;

const fmt = (r: LoadResult) =>
  `${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99).padStart(4)} ms${r.errors + r.non2xx > 0 ? `  (${r.errors} errors, ${r.non2xx} non-2xx)` : ""}`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function postgres(url: string) {
  const deps = await bootEngine({ database: { kind: "postgres", url } });
  const cookie = await prepareBenchCompany(deps, slug);
  const company = await deps.companies.get((await deps.companies.find(slug))!);
  const columns = [
    "id",
    ...visibleFields(company.meta.entities.customer!).map(([n]) => n),
    "owner",
    "createdBy",
    "updatedBy",
    "createdAt",
    "updatedAt",
    "version",
  ];
  await deps.database.close();
  const started = Date.now();
  const added = await seedCustomers(url, schema, rows);
  console.log(
    `PostgreSQL: ${rows} customers in company "${slug}" (${added} added by COPY in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );

  const serverEnv = {
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: String(pool),
    SEED_DEMO: "false",
    HOST: "127.0.0.1",
  };
  const engine = await startChild("engine/main.ts", 3301, serverEnv);
  const baseline = await startChild("bench/baseline-server.ts", 3302, {
    ...serverEnv,
    BENCH_SCHEMA: schema,
    BENCH_COLUMNS: columns.join(","),
  });
  try {
    const targets = {
      engine: `${engine.url}${enginePath}`,
      baseline: `${baseline.url}/baseline/customer?city=${encodeURIComponent(benchCity)}`,
    };
    const e = (await (await fetch(targets.engine, { headers: { cookie } })).json()) as {
      items: { id: string }[];
      total: number;
    };
    const b = (await (await fetch(targets.baseline, { headers: { cookie } })).json()) as {
      items: { id: string }[];
      total: number;
    };
    const same =
      e.items.map((i) => i.id).join() === b.items.map((i) => i.id).join() && e.total === b.total;
    console.log(
      `both answer ${e.items.length} rows of ${e.total} matching; same rows: ${same ? "yes" : "NO"}`,
    );
    if (!same) throw new Error("the engine and the baseline answer different rows");
    console.log(`warming up (${Math.min(5, seconds)} s each)…`);
    await runLoad(targets.engine, cookie, connections, Math.min(5, seconds));
    await runLoad(targets.baseline, cookie, connections, Math.min(5, seconds));
    const results: { engine: LoadResult[]; baseline: LoadResult[] } = { engine: [], baseline: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const name of round % 2
        ? (["engine", "baseline"] as const)
        : (["baseline", "engine"] as const)) {
        const r = await runLoad(targets[name], cookie, connections, seconds);
        results[name].push(r);
        console.log(`round ${round} ${name.padEnd(8)} ${fmt(r)}`);
      }
    }
    const rps = {
      engine: mean(results.engine.map((r) => r.requestsPerSecond)),
      baseline: mean(results.baseline.map((r) => r.requestsPerSecond)),
    };
    const p99 = {
      engine: mean(results.engine.map((r) => r.p99)),
      baseline: mean(results.baseline.map((r) => r.p99)),
    };
    console.log(`\nPostgreSQL, ${connections} connections, ${rounds} × ${seconds} s each:`);
    console.log(`  engine    ${rps.engine.toFixed(0)} req/s, p99 ${p99.engine.toFixed(1)} ms`);
    console.log(`  baseline  ${rps.baseline.toFixed(0)} req/s, p99 ${p99.baseline.toFixed(1)} ms`);
    console.log(
      `  throughput ratio ${(rps.engine / rps.baseline).toFixed(2)} (target ≥ 0.80), p99 ratio ${(p99.engine / p99.baseline).toFixed(2)} (target ≤ 1.50)`,
    );
  } finally {
    await engine.stop();
    await baseline.stop();
  }
}

async function pglite() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "metacrm-bench-"));
  try {
    const deps = await bootEngine({
      database: { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    });
    const cookie = await prepareBenchCompany(deps, slug);
    const started = Date.now();
    await seedPgliteCustomers(deps.database.db, schema, pgliteRows);
    await deps.database.close();
    console.log(
      `\nPGlite (for information): ${pgliteRows} customers seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const engine = await startChild("engine/main.ts", 3303, {
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      HOST: "127.0.0.1",
      DATABASE_URL: "",
    });
    try {
      await runLoad(`${engine.url}${enginePath}`, cookie, connections, Math.min(5, seconds));
      const r = await runLoad(`${engine.url}${enginePath}`, cookie, connections, seconds);
      console.log(`  engine on PGlite  ${fmt(r)}`);
    } finally {
      await engine.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'set DATABASE_URL to a PostgreSQL database the benchmark may fill (it creates company "bench")',
  );
  process.exit(1);
}
await postgres(url);
if (pgliteRows > 0) await pglite();
