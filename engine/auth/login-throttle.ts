import { sql } from "kysely";
import type { Db } from "../db/database.ts";

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
  blockedUntil: Date | null;
}

export type ReserveResult =
  { granted: true; reservations: Reservation[] } | { granted: false; retryAfter: number };

class Blocked extends Error {}

/**
 * Login throttling kept in the database, so that every engine process sees
 * the same counts. An attempt is reserved before any password is hashed and
 * counts as a failure from that moment: concurrent guesses queue on the key's
 * row, and the one that uses up the allowance blocks the key for all that
 * follow, so no more passwords are verified than the allowance, however many
 * arrive at once. A blocked attempt costs one transaction and no hashing.
 */
export class LoginThrottle {
  constructor(private readonly db: Db) {}

  /** Reserves one attempt on every key, or on none when one of them is blocked. */
  async reserve(keys: ThrottleKey[], now: Date): Promise<ReserveResult> {
    try {
      // Always in the order given (account before source), so that two attempts never deadlock.
      const reservations = await this.db.transaction().execute(async (tx) => {
        const held: Reservation[] = [];
        for (const k of keys) held.push(await reserveOne(tx, k, now));
        return held;
      });
      return { granted: true, reservations };
    } catch (err) {
      if (!(err instanceof Blocked)) throw err;
    }
    return { granted: false, retryAfter: Math.max(1, await this.retryAfter(keys, now)) };
  }

  /** Seconds until the last of these keys is unblocked, or 0 when none is blocked. */
  async retryAfter(keys: ThrottleKey[], now: Date): Promise<number> {
    const rows = await this.db
      .selectFrom("platform.login_throttle")
      .select("blocked_until")
      .where(
        "key",
        "in",
        keys.map((k) => k.key),
      )
      .where("blocked_until", ">", now)
      .execute();
    const until = Math.max(0, ...rows.map((r) => Date.parse(r.blocked_until as string)));
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
      await this.db.deleteFrom("platform.login_throttle").where("key", "in", accounts).execute();
    await this.release(reservations.filter((r) => r.kind !== "account"));
  }
}

/**
 * Counts one attempt on a key unless it is blocked, in the caller's
 * transaction: the row stays locked until it commits, so the next attempt
 * on the key sees this one's count and block.
 */
async function reserveOne(tx: Db, { kind, key }: ThrottleKey, now: Date): Promise<Reservation> {
  const rule: ThrottleRule = throttleRules[kind];
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const row = (
    await sql<{ failures: number; window_start: string }>`
      insert into platform.login_throttle as t (key, failures, window_start)
      values (${key}, 1, ${now})
      on conflict (key) do update set
        failures = case when t.window_start < ${windowStart} then 1 else t.failures + 1 end,
        window_start = case when t.window_start < ${windowStart} then ${now} else t.window_start end
      where t.blocked_until is null or t.blocked_until <= ${now}
      returning failures, window_start`.execute(tx)
  ).rows[0];
  if (!row) throw new Blocked();
  const over = row.failures - rule.failures;
  let blockedUntil: Date | null = null;
  if (over >= 0) {
    const block = Math.min(rule.maxBlockMs, rule.firstBlockMs * 2 ** Math.min(over, 20));
    blockedUntil = new Date(now.getTime() + block);
    await tx
      .updateTable("platform.login_throttle")
      .set({ blocked_until: blockedUntil })
      .where("key", "=", key)
      .execute();
  }
  return { kind, key, windowStart: row.window_start, blockedUntil };
}
