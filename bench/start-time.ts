/**
 * Start time on the embedded database: from spawning the start command to the
 * first 200 of GET /api/health, `npm start` as it is (the build check, then
 * the built engine) against the way it started before (a Vite build of the
 * UI, then the engine's sources through tsx), in interleaved runs:
 *
 * - warm start: an existing data folder;
 * - first-ever start: an empty data folder, the demo company created;
 * - a fresh clone: `git clone` of this repository's HEAD into a temporary
 *   folder, `npm ci --prefer-offline` (from npm's cache), then the first
 *   start. The old way installs without scripts (it had no `prepare`).
 *
 *   npm run bench:start        BENCH_ROUNDS=3  BENCH_CLONE=1 (0 skips the clone)
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectRoot } from "../engine/project/project-root.ts";

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const cloneRounds = Number(process.env.BENCH_CLONE ?? 1);
const targets = { warm: 2, first: 10 };
const scratch = mkdtempSync(path.join(tmpdir(), "metacrm-start-"));

type Way = "new" | "old";
const commands: Record<Way, string> = {
  new: "npm start",
  old:
    "npm exec -c 'vite build -c ui/vite.config.ts --logLevel warn && " +
    "node --max-semi-space-size=32 --import tsx engine/main.ts'",
};

let nextPort = 3340;

/** Seconds from spawning `way`'s start in `cwd` to the first 200 of /api/health; the server is stopped after. */
async function timeStart(way: Way, cwd: string, dataDir: string): Promise<number> {
  const port = nextPort++;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SEED_DEMO: "true",
  };
  delete env.DATABASE_URL;
  const started = performance.now();
  // A process group of its own: npm, its shell and the engine are stopped together.
  const child = spawn("sh", ["-c", commands[way]], {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once("exit", () => (exited = true));
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      if (exited) throw new Error(`${commands[way]} exited before answering:\n${output}`);
      if (performance.now() - started > 600_000) throw new Error(`no answer in 10 min:\n${output}`);
      await sleep(25);
    }
  } finally {
    await stopGroup(child);
  }
}

/** SIGTERM to the whole group, then waits until none of it is left (the data folder's lock is free). */
async function stopGroup(child: ChildProcess) {
  const group = -child.pid!;
  const alive = () => {
    try {
      process.kill(group, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(group, "SIGTERM");
  while (alive()) await sleep(50);
}

function run(command: string, args: string[], cwd: string) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  }
  return (performance.now() - started) / 1000;
}

/** `git clone` of HEAD, `npm ci` from the cache, then the first start; seconds of each step. */
async function freshClone(way: Way) {
  const dir = path.join(scratch, `clone-${way}-${nextPort}`);
  run("git", ["clone", "--quiet", projectRoot, dir], scratch);
  const install = run(
    "npm",
    [
      "ci",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      ...(way === "old" ? ["--ignore-scripts"] : []),
    ],
    dir,
  );
  const first = await timeStart(way, dir, path.join(dir, "data"));
  rmSync(dir, { recursive: true, force: true });
  return { install, first, total: install + first };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

type Row = Record<Way, number[]>;
const rows = new Map<string, Row>();
const record = (name: string, way: Way, seconds: number) => {
  const row = rows.get(name) ?? { new: [], old: [] };
  row[way].push(seconds);
  rows.set(name, row);
  console.log(`  ${name}, ${way}: ${seconds.toFixed(2)} s`);
};

try {
  // The new way's build is made before timing, as `npm ci` (prepare) makes it.
  run(process.execPath, ["scripts/build.js"], projectRoot);
  for (let r = 0; r < rounds; r++) {
    console.log(`round ${r + 1} of ${rounds}`);
    // Alternate which way goes first, so neither always meets a warmer disk cache.
    const ways: Way[] = r % 2 === 0 ? ["new", "old"] : ["old", "new"];
    const dirs = Object.fromEntries(
      ways.map((w) => [w, mkdtempSync(path.join(scratch, `data-${w}-`))]),
    ) as Record<Way, string>;
    for (const way of ways)
      record("first-ever start", way, await timeStart(way, projectRoot, dirs[way]));
    for (const way of ways) record("warm start", way, await timeStart(way, projectRoot, dirs[way]));
    for (const way of ways) rmSync(dirs[way], { recursive: true, force: true });
  }
  for (let r = 0; r < cloneRounds; r++) {
    console.log(`fresh clone ${r + 1} of ${cloneRounds}`);
    const ways: Way[] = r % 2 === 0 ? ["new", "old"] : ["old", "new"];
    for (const way of ways) {
      const { install, first, total } = await freshClone(way);
      record("fresh clone: npm ci", way, install);
      record("fresh clone: first start", way, first);
      record("fresh clone: npm ci + first start", way, total);
    }
  }

  console.log(
    `\nmedians (embedded database; new: ${commands.new}; old: vite build + tsx engine/main.ts)`,
  );
  const width = Math.max(...[...rows.keys()].map((k) => k.length));
  console.log(`${"".padEnd(width)}   new (s)   old (s)   old/new`);
  for (const [name, row] of rows) {
    const [n, o] = [median(row.new), median(row.old)];
    console.log(
      `${name.padEnd(width)}  ${n.toFixed(2).padStart(8)}  ${o.toFixed(2).padStart(8)}  ${(o / n).toFixed(1).padStart(7)}×`,
    );
  }
  const warm = median(rows.get("warm start")!.new);
  const first = median(rows.get("first-ever start")!.new);
  console.log(
    `targets: warm start < ${targets.warm} s: ${warm < targets.warm ? "met" : "missed"}; ` +
      `first-ever start < ${targets.first} s: ${first < targets.first ? "met" : "missed"}`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
