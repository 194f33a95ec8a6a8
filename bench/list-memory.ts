/**
 * Where the engine's memory goes under list load with many companies (issue
 * 14, item 7). Companies `mem001`… (BENCH_COMPANIES, 100, each with
 * BENCH_COMPANY_ROWS customers) are created when missing. Then:
 *
 * 1. In this process, with the heap collected between steps: the heap each
 *    company adds when its context is loaded, when it answers its first
 *    list, its first write (payload validators) and /api/meta.
 * 2. The engine as `npm start` runs it, with COMPANY_CONTEXTS at each of
 *    BENCH_CONTEXT_BOUNDS: lists of 1, 10, 25, 50… companies under load in
 *    turn (autocannon, one company's cookie per request, round robin), the
 *    process's RSS, live heap (the engine runs with --expose-gc and the
 *    probe collects first; V8's new, old and code spaces as committed) and
 *    external memory after each step, and what each company added.
 *
 *   DATABASE_URL=postgres://… [DATABASE_OWNER_URL=…] npm run bench:list-memory
 *
 * Settings: BENCH_COMPANIES (100), BENCH_COMPANY_ROWS (100), BENCH_SECONDS
 * (5 per step), BENCH_CONNECTIONS (16), BENCH_CONTEXT_BOUNDS ("200,20").
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createApp } from "../engine/app.ts";
import { bootEngine } from "../engine/boot.ts";
import { benchDatabase } from "./bench-database.ts";
import { probeFlags, startChild } from "./child-server.ts";
import { manySlug, prepareManyCompanies } from "./many-companies.ts";
import { residentMb } from "./process-usage.ts";
import { askProbe } from "./statement-plans.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const count = env("BENCH_COMPANIES", 100);
const companyRows = env("BENCH_COMPANY_ROWS", 100);
const seconds = env("BENCH_SECONDS", 5);
const connections = env("BENCH_CONNECTIONS", 16);
const bounds = (process.env.BENCH_CONTEXT_BOUNDS ?? "200,20").split(",").map(Number);
const listPath = "/api/data/customer?sort=-createdAt&limit=50";
const mb = (bytes: number) => bytes / 2 ** 20;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error("run with node --expose-gc (npm run bench:list-memory does)");
  process.exit(1);
}

const database = benchDatabase();
const deps = await bootEngine({ database: database.config, companyContexts: count });
const cookies = await prepareManyCompanies(deps, database.ownerUrl, count, companyRows);
await inProcess();
await deps.database.close();
for (const bound of bounds) await underLoad(bound);

/** Heap added per company by each thing the engine keeps for it, measured in this process. */
async function inProcess() {
  const app = createApp(deps);
  const heap = () => {
    gc!();
    return process.memoryUsage().heapUsed;
  };
  const steps: [string, (n: number) => unknown][] = [
    [
      "context (metadata)",
      async (n) => deps.companies.get((await deps.companies.find(manySlug(n)))!),
    ],
    ["first list", (n) => app.request(listPath, { headers: { cookie: cookies[n - 1]! } })],
    [
      "first write (validators)",
      (n) =>
        app.request("/api/data/customer", {
          method: "POST",
          headers: { cookie: cookies[n - 1]!, "content-type": "application/json" },
          body: JSON.stringify({ name: `memory ${n}` }),
        }),
    ],
    ["/api/meta", (n) => app.request("/api/meta", { headers: { cookie: cookies[n - 1]! } })],
  ];
  console.log(`\nIn one process, heap added per company (mean over ${count}):`);
  let total = 0;
  for (const [name, step] of steps) {
    const before = heap();
    for (let n = 1; n <= count; n++) {
      const res = await step(n);
      if (res instanceof Response && !res.ok)
        throw new Error(`${name} of ${manySlug(n)}: ${res.status} ${await res.text()}`);
    }
    const added = (heap() - before) / count;
    total += added;
    console.log(`  ${name.padEnd(26)} ${(added / 1024).toFixed(0).padStart(6)} KB`);
  }
  console.log(`  ${"in all".padEnd(26)} ${(total / 1024).toFixed(0).padStart(6)} KB`);
}

/** The engine process under list load of more and more companies, at one COMPANY_CONTEXTS. */
async function underLoad(bound: number) {
  const probeDir = mkdtempSync(path.join(tmpdir(), "metacrm-bench-probe-"));
  const engine = await startChild(
    "engine/main.ts",
    3305,
    {
      ...database.env,
      SEED_DEMO: "false",
      HOST: "127.0.0.1",
      COMPANY_CONTEXTS: String(bound),
      BENCH_PROBE_FILE: path.join(probeDir, "engine.json"),
    },
    ["--expose-gc", ...probeFlags],
  );
  try {
    console.log(
      `\nEngine with COMPANY_CONTEXTS=${bound}, ${connections} connections, ${seconds} s per step:`,
    );
    console.log(
      "  companies  req/s  RSS MB  heap live  new space  old space  code  external  per company (from 1): RSS, live heap",
    );
    let first: { rss: number; live: number } | undefined;
    for (const k of [1, 10, 25, 50, 100, 200, 500].filter((k) => k <= count)) {
      let next = 0;
      const result = await autocannon({
        url: `${engine.url}${listPath}`,
        connections,
        duration: seconds,
        requests: [
          {
            method: "GET",
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, cookie: cookies[next++ % k]! },
            }),
          },
        ],
      });
      const report = await askProbe(engine.pid, path.join(probeDir, "engine.json"));
      const { rss } = residentMb(engine.pid);
      const live = mb(report.memory.heapUsed);
      first ??= { rss, live };
      const failed = result.errors + result.timeouts + result.non2xx;
      // Committed bytes of a space: what of the heap is resident, used or not.
      const space = (name: string) =>
        mb(report.spaces.find((s) => s.name === name)?.committed ?? 0);
      const cells = [
        result.requests.average,
        rss,
        mb(report.memory.heapUsed),
        space("new_space"),
        space("old_space"),
        space("code_space"),
        mb(report.memory.external),
      ].map((x, i) => x.toFixed(0).padStart([6, 7, 10, 10, 10, 5, 9][i]!));
      console.log(
        `  ${String(k).padStart(9)} ${cells.join(" ")}  ${k > 1 ? `${((rss - first.rss) / (k - 1)).toFixed(2)} MB, ${(((live - first.live) / (k - 1)) * 1024).toFixed(0)} KB` : ""}${failed > 0 ? `  (${failed} failed)` : ""}`,
      );
    }
  } finally {
    await engine.stop();
    rmSync(probeDir, { recursive: true, force: true });
  }
}
