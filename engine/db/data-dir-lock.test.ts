import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir, takeoverGuard } from "./data-dir-lock.ts";

const dead = (role: string) =>
  JSON.stringify({ pid: 2 ** 22 + 54321, host: hostname(), role, since: "2026-01-01T00:00:00Z" });

describe("lockDataDir", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const fresh = () => (dir = mkdtempSync(path.join(tmpdir(), "metacrm-lock-unit-")));

  it("takes a free folder, refuses a live holder, and releases only its own lock", async () => {
    const folder = path.join(fresh(), "data");
    const lock = await lockDataDir(folder, "the server");
    const file = path.join(folder, "engine.lock");
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      pid: process.pid,
      role: "the server",
    });
    await expect(lockDataDir(folder, "the CLI")).rejects.toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(file)).toBe(false);
    // Only engine.lock is left behind, never a draft or a guard.
    const again = await lockDataDir(folder, "the CLI");
    expect(readdirSync(folder)).toEqual(["engine.lock"]);
    again.release();
  });

  it("takes over a stale lock, and one whose takeover a crashed process left half done", async () => {
    const folder = fresh();
    const file = path.join(folder, "engine.lock");
    writeFileSync(file, dead("the server"));
    (await lockDataDir(folder, "the CLI")).release();

    writeFileSync(file, dead("the server"));
    writeFileSync(takeoverGuard(file, dead("the server")), dead("a taker"));
    const lock = await lockDataDir(folder, "the CLI");
    expect(readdirSync(folder)).toEqual(["engine.lock"]);
    lock.release();
  });

  it("treats a lock from another host as held: its pid cannot be checked from here", async () => {
    const folder = fresh();
    const other = { pid: 1, host: `not-${hostname()}`, role: "the server", since: "x" };
    writeFileSync(path.join(folder, "engine.lock"), JSON.stringify(other));
    await expect(lockDataDir(folder, "the CLI")).rejects.toThrow(/in use by the server \(pid 1/);
  });
});
