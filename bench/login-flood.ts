/**
 * Login flood (issue 12, item 3): 60 clients log in at once, over and over,
 * with wrong passwords, each request naming another user from another
 * address (behind a trusted proxy), so that no throttle stops them and every
 * login costs an argon2 verification. Meanwhile one client asks
 * GET /api/health back to back. Target: the health p95 under the flood stays
 * within 3× its idle p95. Prints idle p95, flood p95, their ratio and what
 * the logins were answered, on the embedded database and, when DATABASE_URL
 * is set, on PostgreSQL: for each of a few rounds of idle then flood, and
 * the median ratio.
 *
 *   [DATABASE_URL=postgres://…] npm run bench:login-flood
 *
 * Settings: BENCH_SECONDS (10 per phase), BENCH_ROUNDS (3), BENCH_FLOOD_CLIENTS (60),
 * BENCH_DATABASES (pglite,postgres: which to run, of those available).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bootEngine } from "../engine/boot.ts";
import type { DatabaseConfig } from "../engine/db/database.ts";
import { prepareBenchCompany } from "./bench-company.ts";
import { startChild } from "./child-server.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const clients = Number(process.env.BENCH_FLOOD_CLIENTS ?? 60);
const wanted = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const slug = "bench";
const port = 3312;
const root = path.resolve(import.meta.dirname, "..");

/** GET /api/health back to back until `until`; returns each answer's milliseconds. */
async function probeHealth(url: string, until: number): Promise<number[]> {
  const times: number[] = [];
  while (Date.now() < until) {
    const started = performance.now();
    const res = await fetch(`${url}/api/health`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`health answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!;

/** Runs bench/flood-logins.ts for `secs` and returns the logins' answers by status. */
async function flood(url: string, secs: number): Promise<Record<string, number>> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "bench/flood-logins.ts", url, slug, String(clients), String(secs)],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`the flood exited with ${code}`);
  return JSON.parse(out) as Record<string, number>;
}

async function run(label: string, database: DatabaseConfig, env: Record<string, string>) {
  const deps = await bootEngine({ database });
  await prepareBenchCompany(deps, slug);
  await deps.database.close();
  const engine = await startChild("engine/main.ts", port, {
    ...env,
    SEED_DEMO: "false",
    HOST: "127.0.0.1",
    TRUST_PROXY: "true",
  });
  try {
    // Warm up: JIT, the dummy hash, connections.
    await Promise.all([probeHealth(engine.url, Date.now() + 3000), flood(engine.url, 3)]);
    console.log(`${label}:`);
    const ratios: number[] = [];
    // Idle and flood alternate, so that other work on the machine weighs on both alike.
    for (let round = 1; round <= rounds; round++) {
      const idle = p95(await probeHealth(engine.url, Date.now() + seconds * 1000));
      // The flood process starts in about a second; probe only while it surely runs.
      const flooding = flood(engine.url, seconds + 3);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const loaded = await probeHealth(engine.url, Date.now() + seconds * 1000);
      const statuses = await flooding;
      const underFlood = p95(loaded);
      ratios.push(underFlood / idle);
      const total = Object.values(statuses).reduce((a, b) => a + b, 0);
      const answers = Object.entries(statuses).map(([status, n]) => `${status}: ${n}`);
      console.log(
        `  round ${round}: health p95 idle ${idle.toFixed(1)} ms, under the flood ${underFlood.toFixed(1)} ms ` +
          `(${loaded.length} requests), ratio ${(underFlood / idle).toFixed(2)}; ` +
          `logins ${(total / (seconds + 3)).toFixed(0)}/s (${answers.join(", ")})`,
      );
    }
    const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)]!;
    console.log(`  median ratio ${median.toFixed(2)} (target ≤ 3.00)`);
  } finally {
    await engine.stop();
  }
}

if (wanted.includes("pglite")) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "metacrm-bench-flood-"));
  try {
    await run(
      "embedded database",
      { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
      { DATA_DIR: dataDir },
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const url = process.env.DATABASE_URL;
if (wanted.includes("postgres") && url)
  await run("PostgreSQL", { kind: "postgres", url }, { DATABASE_URL: url });
