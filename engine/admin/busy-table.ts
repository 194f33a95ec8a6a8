import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";

/**
 * How long a metadata change waits for a table that other transactions use
 * (a long report, an export) before it gives up. Its DDL needs the table to
 * itself, and while it waits every query of the table queues behind it, so
 * the wait is short: a busy table fails the change cleanly instead of
 * stalling the company's users.
 */
const lockWaitSeconds = 5;

/** Limits every lock wait of the rest of the change's transaction (`set_config(…, true)` ends with it). */
export async function limitLockWaits(tx: Db): Promise<void> {
  await sql`select set_config('lock_timeout', ${`${lockWaitSeconds}s`}, true)`.execute(tx);
}

/** A change that gave up waiting for a lock: 503, nothing of it written, to try again later. */
export function busyTable(err: unknown): ApiError | undefined {
  if ((err as { code?: string }).code !== "55P03") return undefined;
  return new ApiError(
    503,
    "table_busy",
    tr(
      "the table is busy: other work held it for more than {seconds} s, so nothing was changed; try again in a moment",
      { seconds: lockWaitSeconds },
    ),
    { retryAfter: lockWaitSeconds },
    { "Retry-After": String(lockWaitSeconds) },
  );
}
