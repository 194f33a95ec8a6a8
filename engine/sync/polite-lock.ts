import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/** How long one try waits: every query on the table queues behind a lock being waited for. */
const tryTimeout = "100ms";
const pauseMs = 200;
/** Tries stop after this long: sync's own lock_timeout. */
const giveUpMs = 5000;

/**
 * Takes a table lock inside the caller's transaction without making others
 * wait long: a lock waited for stops every later query on the table, so a
 * try waits at most 100 ms, then lets the queue through and tries again.
 * Behind a concurrent index build (which holds its lock for the whole
 * build) lists keep answering while the change waits, instead of all
 * waiting behind it. Giving up fails as a lock timeout does (55P03: the
 * admin's 503, admin/busy-table.ts).
 */
export async function lockPolitely(
  tx: Db,
  schema: string,
  table: string,
  mode: "access exclusive" | "share row exclusive",
): Promise<void> {
  const until = Date.now() + giveUpMs;
  const { rows } = await sql<{ timeout: string }>`
    select pg_catalog.current_setting('lock_timeout') as timeout`.execute(tx);
  for (;;) {
    await sql`savepoint polite_lock`.execute(tx);
    try {
      await sql`select set_config('lock_timeout', ${tryTimeout}, true)`.execute(tx);
      await sql`lock table ${sql.id(schema, table)} in ${sql.raw(mode)} mode`.execute(tx);
      await sql`release savepoint polite_lock`.execute(tx);
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== "55P03" || Date.now() > until) throw err;
      await sql`rollback to savepoint polite_lock`.execute(tx);
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
  await sql`select set_config('lock_timeout', ${rows[0]!.timeout}, true)`.execute(tx);
}
