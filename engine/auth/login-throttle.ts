import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { platformTables } from "../db/system-tables.ts";

/** Attempts allowed within the window before a key is blocked, and how the block grows. */
export interface ThrottleRule {
  failures: number;
  windowMs: number;
  firstBlockMs: number;
  maxBlockMs: number;
}

export const throttleRules = {
  /** One account (company + username), whoever tries it. */
  account: { failures: 5, windowMs: 15 * 60_000, firstBlockMs: 30_000, maxBlockMs: 15 * 60_000 },
  /** One source address, whichever accounts it tries. */
  source: { failures: 30, windowMs: 15 * 60_000, firstBlockMs: 30_000, maxBlockMs: 15 * 60_000 },
} satisfies Record<string, ThrottleRule>;

export type ThrottleKind = keyof typeof throttleRules;
export interface ThrottleKey {
  kind: ThrottleKind;
  key: string;
}
export const throttleKey = {
  account: (company: string, username: string): ThrottleKey => ({
    kind: "account",
    key: `account:${company}:${username.toLowerCase()}`,
  }),
  source: (address: string): ThrottleKey => ({ kind: "source", key: `source:${address}` }),
};

/** One attempt held on one key: what `release` needs to give it back. */
export interface Reservation extends ThrottleKey {
  windowStart: string;
  /** The block this reservation started, when it was the last one the allowance had. */
  blockedUntil: string | null;
}

export type ReserveResult =
  { granted: true; reservations: Reservation[] } | { granted: false; retryAfter: number };

/**
 * Login throttling kept in the database, so that every engine process sees
 * the same counts. An attempt is reserved before any password is hashed and
 * counts as a failure from that moment: one upsert per key, refused while
 * the key is blocked, and the one that uses up the allowance blocks the key
 * in the same statement. Concurrent guesses queue on the key's row, so no
 * more passwords are verified than the allowance, however many arrive at
 * once. A blocked attempt costs one statement and no hashing.
 */
export class LoginThrottle {
  constructor(private readonly db: Db) {}

  /**
   * Reserves one attempt on every key, in the order given, or on none: when a
   * later key is blocked, the earlier ones are given back. Put the key most
   * often blocked first (a flooding source), so that its refusals never touch
   * the account they name.
   */
  async reserve(keys: ThrottleKey[], now: Date): Promise<ReserveResult> {
    const reservations: Reservation[] = [];
    for (const k of keys) {
      const r = await reserveOne(this.db, k, now);
      if (!r) {
        await this.release(reservations);
        return { granted: false, retryAfter: Math.max(1, await this.retryAfter(keys, now)) };
      }
      reservations.push(r);
    }
    return { granted: true, reservations };
  }

  /** Seconds until the last of these keys is unblocked, or 0 when none is blocked. */
  async retryAfter(keys: ThrottleKey[], now: Date): Promise<number> {
    const rows = await platformTables(this.db)
      .selectFrom("login_throttle")
      .select("blocked_until")
      .where(
        "key",
        "in",
        keys.map((k) => k.key),
      )
      .where("blocked_until", ">", now.toISOString())
      .$narrowType<{ blocked_until: string }>()
      .execute();
    const until = Math.max(0, ...rows.map((r) => Date.parse(r.blocked_until)));
    return until > 0 ? Math.ceil((until - now.getTime()) / 1000) : 0;
  }

  /**
   * Gives reserved attempts back (the server could not check the password, or
   * the password was right): the count drops by one, and a block lifts when it
   * was this attempt's or the count is back under the allowance.
   */
  async release(reservations: Reservation[]): Promise<void> {
    for (const r of reservations) {
      const rule: ThrottleRule = throttleRules[r.kind];
      await sql`
        update platform.login_throttle set
          failures = failures - 1,
          blocked_until = case
            when blocked_until = ${r.blockedUntil} or failures - 1 < ${rule.failures} then null
            else blocked_until end
        where key = ${r.key} and window_start = ${r.windowStart} and failures > 0`.execute(this.db);
    }
  }

  /** A successful login clears its account's count (a source's is only given its attempt back). */
  async succeed(reservations: Reservation[]): Promise<void> {
    const accounts = reservations.filter((r) => r.kind === "account").map((r) => r.key);
    if (accounts.length > 0)
      await platformTables(this.db)
        .deleteFrom("login_throttle")
        .where("key", "in", accounts)
        .execute();
    await this.release(reservations.filter((r) => r.kind !== "account"));
  }
}

/**
 * Counts one attempt on a key unless it is blocked, in one statement: the
 * upsert locks the key's row, re-checks the block on its latest version,
 * and blocks the key when this attempt uses up the allowance.
 */
async function reserveOne(
  db: Db,
  { kind, key }: ThrottleKey,
  now: Date,
): Promise<Reservation | undefined> {
  const rule: ThrottleRule = throttleRules[kind];
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const renewed = sql`platform.login_throttle.window_start < ${windowStart}`;
  const count = sql`case when ${renewed} then 1 else platform.login_throttle.failures + 1 end`;
  const firstBlock = rule.failures <= 1 ? new Date(now.getTime() + rule.firstBlockMs) : null;
  const row = (
    await sql<{ failures: number; window_start: string; blocked_until: string | null }>`
      insert into platform.login_throttle (key, failures, window_start, blocked_until)
      values (${key}, 1, ${now}, ${firstBlock})
      on conflict (key) do update set
        failures = ${count},
        window_start = case when ${renewed} then ${now} else platform.login_throttle.window_start end,
        blocked_until = case when ${count} >= ${rule.failures}
          then ${now}::timestamptz + interval '1 millisecond' * least(
            ${rule.maxBlockMs}::float8,
            ${rule.firstBlockMs}::float8 * power(2, least(${count} - ${rule.failures}, 20)))
          else platform.login_throttle.blocked_until end
      where platform.login_throttle.blocked_until is null
        or platform.login_throttle.blocked_until <= ${now}
      returning failures, window_start, blocked_until`.execute(db)
  ).rows[0];
  if (!row) return undefined;
  return {
    kind,
    key,
    windowStart: row.window_start,
    blockedUntil: row.failures >= rule.failures ? row.blocked_until : null,
  };
}
