import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/** Failures allowed within the window before a key is blocked, and how the block grows. */
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
export const throttleKey = {
  account: (company: string, username: string) => `account:${company}:${username.toLowerCase()}`,
  source: (address: string) => `source:${address}`,
};

/**
 * Login throttling kept in the database, so that every engine process sees
 * the same counts. It is consulted before any password is hashed: a blocked
 * attempt costs one indexed read.
 */
export class LoginThrottle {
  constructor(private readonly db: Db) {}

  /** Seconds until the first of these keys is unblocked, or 0 when none is blocked. */
  async retryAfter(keys: string[], now: Date): Promise<number> {
    const rows = await this.db
      .selectFrom("platform.login_throttle")
      .select("blocked_until")
      .where("key", "in", keys)
      .where("blocked_until", ">", now)
      .execute();
    const until = Math.max(0, ...rows.map((r) => Date.parse(r.blocked_until as string)));
    return until > 0 ? Math.ceil((until - now.getTime()) / 1000) : 0;
  }

  /** Counts a failure against a key; past the rule's allowance the key is blocked, doubling each time. */
  async fail(kind: ThrottleKind, key: string, now: Date): Promise<void> {
    const rule: ThrottleRule = throttleRules[kind];
    const windowStart = new Date(now.getTime() - rule.windowMs);
    await this.db.transaction().execute(async (tx) => {
      const row = (
        await sql<{ failures: number }>`
        insert into platform.login_throttle (key, failures, window_start) values (${key}, 1, ${now})
        on conflict (key) do update set
          failures = case when platform.login_throttle.window_start < ${windowStart} then 1 else platform.login_throttle.failures + 1 end,
          window_start = case when platform.login_throttle.window_start < ${windowStart} then ${now} else platform.login_throttle.window_start end
        returning failures`.execute(tx)
      ).rows[0]!;
      const over = row.failures - rule.failures;
      if (over >= 0) {
        const block = Math.min(rule.maxBlockMs, rule.firstBlockMs * 2 ** Math.min(over, 20));
        await tx
          .updateTable("platform.login_throttle")
          .set({ blocked_until: new Date(now.getTime() + block) })
          .where("key", "=", key)
          .execute();
      }
    });
  }

  /** A successful login clears its account's count (never the source's). */
  async succeed(key: string): Promise<void> {
    await this.db.deleteFrom("platform.login_throttle").where("key", "=", key).execute();
  }
}
