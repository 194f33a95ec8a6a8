import { createHash, randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

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
  /** Tells this taking of the lock from any other by the same pid. */
  token?: string;
}

export interface DataDirLock {
  release(): void;
}

/** How long to wait for another process that is taking over a stale lock. */
const takeoverWaitMs = 5_000;

/**
 * PGlite does not lock its folder and two processes on one folder silently
 * lose writes, so every process that opens it first takes `engine.lock`
 * exclusively. A lock left by a crashed process (its pid gone on this host)
 * is taken over, by one process only however many start at once: see
 * `removeStale`.
 */
export async function lockDataDir(dataDir: string, role: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "engine.lock");
  const mine = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    role,
    since: new Date().toISOString(),
    token: randomUUID(),
  } satisfies LockInfo);
  const deadline = Date.now() + takeoverWaitMs;
  for (;;) {
    if (createExclusive(lockFile, mine)) return held(lockFile, mine);
    const current = readText(lockFile);
    if (current === undefined) continue; // released meanwhile: try again
    const holder = parse(current);
    if (holder && isAlive(holder)) throw new DataDirLockedError(holder, lockFile);
    if (await removeStale(lockFile, current, mine)) continue;
    if (Date.now() > deadline)
      throw new Error(`another process kept taking over the lock ${lockFile}; start again`);
    await sleep(10);
  }
}

/**
 * Removes `file` if it still holds `stale`, and says whether this process
 * did. Reading then removing is a race (another process may have replaced
 * the stale lock with its own live one in between), so the removal is
 * itself guarded by a file whose name comes from the stale content: only
 * one process at a time may remove that content, and any other one waits.
 * A guard left by a process that died mid-takeover is stale the same way
 * and removed the same way.
 */
async function removeStale(file: string, stale: string, mine: string): Promise<boolean> {
  const guard = takeoverGuard(file, stale);
  if (!createExclusive(guard, mine)) {
    const taker = readText(guard);
    const info = taker === undefined ? undefined : parse(taker);
    if (taker !== undefined && !(info && isAlive(info))) await removeStale(guard, taker, mine);
    return false;
  }
  try {
    if (readText(file) === stale) unlinkSync(file);
  } finally {
    unlinkSync(guard);
  }
  return true;
}

/** The file that guards the removal of `stale` from `file`. */
export function takeoverGuard(file: string, stale: string): string {
  return `${file}.takeover-${createHash("sha256").update(stale).digest("hex").slice(0, 16)}`;
}

/**
 * Creates `file` with `content` unless it exists. The content is written
 * first and linked into place, so no reader ever sees a half-written lock.
 */
function createExclusive(file: string, content: string): boolean {
  const draft = `${file}.${process.pid}.${randomUUID()}.draft`;
  writeFileSync(draft, content);
  try {
    linkSync(draft, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    unlinkSync(draft);
  }
}

const heldLocks = new Set<() => void>();
let releasedOnExit = false;

function held(lockFile: string, mine: string): DataDirLock {
  const release = () => {
    if (!heldLocks.delete(release)) return;
    // Only ever our own: a lock is never another's while we hold it, but be sure.
    if (readText(lockFile) === mine) unlinkSync(lockFile);
  };
  if (!releasedOnExit) process.once("exit", () => heldLocks.forEach((r) => r()));
  releasedOnExit = true;
  heldLocks.add(release);
  return { release };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** The holder a lock names, or undefined for a file no live process wrote (treated as stale). */
function parse(content: string): LockInfo | undefined {
  try {
    const info = JSON.parse(content) as LockInfo;
    return typeof info.pid === "number" ? info : undefined;
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
