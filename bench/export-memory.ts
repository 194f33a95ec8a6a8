/**
 * Export memory benchmark: the engine, in its own process as `npm start` runs
 * it, exports 100,000 of the bench company's 1,000,000 customers as CSV and
 * then as XLSX, to a client that reads the download at a limited rate (a
 * browser on an ordinary line). The child's resident memory (VmRSS) is
 * sampled every 100 ms; for each format the script prints the baseline, the
 * peak, the growth, rows, bytes and seconds. Target: growth < 100 MB — an
 * export streams a chunk at a time and must not hold the file.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/export-memory.ts
 *
 * Settings: BENCH_ROWS (1000000 customers in the company), BENCH_EXPORT_ROWS
 * (100000 exported), BENCH_READ_MBPS (4: the client's read rate, MB/s),
 * BENCH_FORMATS (csv,xlsx), BENCH_REPEAT (1: exports per format in the same
 * process; a peak that stays flat over repeats is heap headroom, one that
 * climbs is memory kept), BENCH_NODE_FLAGS (extra node flags for the engine,
 * after those of `npm start`, e.g. "--max-semi-space-size=8" to see how much
 * of the growth is the young generation the start script allows).
 */
import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import ExcelJS from "exceljs";
import pg from "pg";
import { createSession } from "../engine/auth/sessions.ts";
import { bootEngine } from "../engine/boot.ts";
import { schemaOf } from "../engine/companies/company-slug.ts";
import { npmStart } from "../test/support/npm-start.ts";
import { prepareBenchCompany } from "./bench-company.ts";
import { seedCustomers } from "./seed-customers.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const companyRows = env("BENCH_ROWS", 1_000_000);
const exportRows = env("BENCH_EXPORT_ROWS", 100_000);
const readRate = env("BENCH_READ_MBPS", 4) * 1024 * 1024;
const repeat = env("BENCH_REPEAT", 1);
const formats = (process.env.BENCH_FORMATS ?? "csv,xlsx").split(",") as ("csv" | "xlsx")[];
const slug = "bench";
const schema = schemaOf(slug);
const port = 3311;
const mb = (bytes: number) => bytes / 1024 / 1024;

/** The engine as `npm start` runs it (package.json), in a process of its own whose RSS we read. */
async function startEngine(url: string): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const extra = (process.env.BENCH_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean);
  const child = npmStart(
    {
      ...process.env,
      DATABASE_URL: url,
      SEED_DEMO: "false",
      HOST: "127.0.0.1",
      PORT: String(port),
    },
    extra,
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the engine did not start:\n${output}`)),
      120_000,
    );
    const watch = (d: Buffer) => {
      output += d.toString();
      if (/listening/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", watch);
    child.stderr!.on("data", watch);
    child.on("exit", (code) => reject(new Error(`the engine exited with ${code}:\n${output}`)));
  });
  return {
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Resident memory of a process in bytes, from /proc (Linux). */
function rss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match![1]) * 1024;
}

/** Samples a process's RSS every 100 ms until stopped; returns the samples. */
function sampler(pid: number) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rss(pid)), 100);
  return {
    samples,
    stop: () => {
      clearInterval(timer);
      return samples;
    },
  };
}

/**
 * Downloads to a file, reading no faster than `readRate` so that the server
 * has to wait for the client (the case that shows whether it buffers).
 */
async function download(url: string, cookie: string, file: string) {
  const started = Date.now();
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  const out = createWriteStream(file);
  const reader = res.body!.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (!out.write(value)) await new Promise<void>((r) => out.once("drain", () => r()));
    const ahead = (bytes / readRate) * 1000 - (Date.now() - started);
    if (ahead > 0) await sleep(ahead);
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return { bytes, seconds: (Date.now() - started) / 1000 };
}

/** Data rows of a downloaded file (header excluded), read back as a stream. */
async function countRows(format: "csv" | "xlsx", file: string): Promise<number> {
  if (format === "csv") {
    const text = readFileSync(file, "utf8");
    return text.split("\r\n").length - 2; // header, and the empty string after the last CRLF
  }
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {});
  for await (const sheet of reader) for await (const _row of sheet) rows++;
  return rows - 1;
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'set DATABASE_URL to a PostgreSQL database the benchmark may fill (it creates company "bench")',
  );
  process.exit(1);
}

const deps = await bootEngine({ database: { kind: "postgres", url } });
await prepareBenchCompany(deps, slug);
// The company's admin: other benchmarks add scoped users to the same company.
const adminId = (
  (await deps.database.db
    .selectFrom(`${schema}.sys_user`)
    .select("id")
    .where("is_admin", "=", true)
    .orderBy("created_at")
    .executeTakeFirstOrThrow()) as { id: string }
).id;
const cookie = `sid=${await createSession(deps.database.db, schema, slug, adminId, new Date())}`;
await deps.database.close();
const added = await seedCustomers(url, schema, companyRows);
if (added > 0) console.log(`added ${added} customers by COPY`);

// The newest `exportRows` customers: a createdAt bound the list index answers.
const client = new pg.Client({ connectionString: url });
await client.connect();
const bound = (
  await client.query(
    `select "createdAt" as at from "${schema}".customer order by "createdAt" desc, id desc offset $1 limit 1`,
    [exportRows - 1],
  )
).rows[0].at as Date;
const matching = Number(
  (
    await client.query(`select count(*) as n from "${schema}".customer where "createdAt" >= $1`, [
      bound,
    ])
  ).rows[0].n,
);
await client.end();
const filter = JSON.stringify({ field: "createdAt", op: "gte", value: bound.toISOString() });
console.log(
  `company "${slug}": ${companyRows} customers; exporting those created since ${bound.toISOString()} (${matching} rows), default columns, newest first; client reads at ${mb(readRate).toFixed(1)} MB/s`,
);

const dir = mkdtempSync(path.join(tmpdir(), "metacrm-export-"));
let missed = false;
try {
  for (const format of formats) {
    // A fresh engine per format, so one export's garbage is not the next one's baseline.
    const engine = await startEngine(url);
    const pid = engine.child.pid!;
    const base = `http://127.0.0.1:${port}/api/data/customer`;
    try {
      // Warm up: the company's metadata, the statement cache, the writer's modules.
      const warm = `${base}/export?format=${format}&filter=${encodeURIComponent(JSON.stringify({ field: "city", op: "eq", value: "杭州" }))}`;
      await download(warm, cookie, path.join(dir, `warm.${format}`));
      await sleep(2000);
      const idle = sampler(pid);
      await sleep(1000);
      const before = idle.stop();
      const baseline = Math.max(...before);
      for (let pass = 1; pass <= repeat; pass++) {
        const during = sampler(pid);
        const file = path.join(dir, `export.${format}`);
        const { bytes, seconds } = await download(
          `${base}/export?format=${format}&filter=${encodeURIComponent(filter)}&sort=-createdAt`,
          cookie,
          file,
        );
        const samples = during.stop();
        const peak = Math.max(baseline, ...samples);
        const rows = await countRows(format, file);
        const growth = mb(peak - baseline);
        if (growth >= 100) missed = true;
        const line = `${format.padEnd(4)}${repeat > 1 ? ` #${pass}` : ""}  baseline ${mb(baseline).toFixed(0).padStart(4)} MB  peak ${mb(peak).toFixed(0).padStart(4)} MB  growth ${growth.toFixed(1).padStart(6)} MB  rows ${rows}  bytes ${statSync(file).size} (${mb(bytes).toFixed(1)} MB)  ${seconds.toFixed(1)} s  ${growth < 100 ? "ok" : "OVER the 100 MB target"}`;
        console.log(line);
        if (rows !== matching) console.log(`  (expected ${matching} rows)`);
      }
    } finally {
      await engine.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\ntarget: growth < 100 MB per export — ${missed ? "MISSED" : "met"}`);
