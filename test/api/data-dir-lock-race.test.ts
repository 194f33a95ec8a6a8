import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../engine/project/project-root.ts";
import { testDbKind } from "../support/test-database.ts";

const trials = 16;
const root = mkdtempSync(path.join(tmpdir(), "metacrm-lock-race-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A racer process (test/support/data-dir-lock-racer.ts) and its answers, line by line. */
function startRacer() {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/support/data-dir-lock-racer.ts"],
    { cwd: projectRoot, stdio: ["pipe", "pipe", "pipe"] },
  ) as ChildProcessWithoutNullStreams;
  let errors = "";
  child.stderr.on("data", (d: Buffer) => (errors += d.toString()));
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.(line));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return {
    next: () =>
      Promise.race([
        new Promise<string>((resolve) => waiting.push(resolve)),
        exited.then((code) => {
          throw new Error(`a racer exited with ${code}: ${errors}`);
        }),
      ]),
    send: (line: string) => child.stdin.write(`${line}\n`),
    end: () => (child.stdin.end(), exited),
  };
}

/** A lock as a process that crashed leaves it: its pid is gone on this host. */
function staleLock(folder: string) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, "engine.lock"),
    JSON.stringify({
      pid: 2 ** 22 + 12345,
      host: hostname(),
      role: "the server",
      since: "2026-01-01T00:00:00Z",
    }),
  );
}

// Only the embedded database has a folder to lock; no database is opened here.
describe.runIf(testDbKind === "pglite")("taking over a stale data-dir lock", () => {
  it(`gives it to exactly one of two processes that start at once (${trials} trials)`, async () => {
    const racers = [startRacer(), startRacer()];
    try {
      expect(await Promise.all(racers.map((r) => r.next()))).toEqual(["ready", "ready"]);
      const holders: number[] = [];
      for (let i = 0; i < trials; i++) {
        const folder = path.join(root, `trial${i}`);
        staleLock(folder);
        for (const r of racers) r.send(`take ${folder}`);
        const answers = await Promise.all(racers.map((r) => r.next()));
        for (const a of answers) expect(a).toMatch(/^(held|refused) /);
        holders.push(answers.filter((a) => a.startsWith("held")).length);
      }
      expect(holders).toEqual(Array(trials).fill(1));
    } finally {
      expect(await Promise.all(racers.map((r) => r.end()))).toEqual([0, 0]);
    }
    // Each holder removed its lock when it exited.
    for (let i = 0; i < trials; i++)
      expect(existsSync(path.join(root, `trial${i}`, "engine.lock"))).toBe(false);
  });
});
