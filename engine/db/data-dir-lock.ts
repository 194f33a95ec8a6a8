import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/** Another live process holds the embedded database folder. */
export class DataDirLockedError extends Error {
  constructor(
    readonly holder: LockInfo,
    readonly lockFile: string,
  ) {
    super(
      `the embedded database in ${path.dirname(lockFile)} is in use by ${holder.role} (pid ${holder.pid}, since ${holder.since}); ` +
        `stop it first, or run this command against PostgreSQL (DATABASE_URL)`,
    );
  }
}

interface LockInfo {
  pid: number;
  host: string;
  role: string;
  since: string;
}

export interface DataDirLock {
  release(): void;
}

/**
 * PGlite does not lock its folder and two processes on one folder silently
 * lose writes, so every process that opens it first takes `engine.lock`
 * exclusively. A lock left by a crashed process (its pid gone on this host)
 * is taken over.
 */
export function lockDataDir(dataDir: string, role: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "engine.lock");
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    role,
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(lockFile, { force: true });
      };
      process.once("exit", release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(lockFile);
      if (holder && isAlive(holder)) throw new DataDirLockedError(holder, lockFile);
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockFile}`);
}

function readHolder(lockFile: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(lockFile, "utf8")) as LockInfo;
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockInfo): boolean {
  // A lock from another host cannot be checked: treat it as held.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
