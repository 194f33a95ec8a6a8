import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/**
 * Runs an organisation change in a transaction holding the company's
 * organisation lock: checks (unique sibling names, cycles, usernames, in use)
 * and the write they guard happen together, so two admins acting at once
 * cannot both pass a check that only one of them should.
 */
export function orgTransaction<T>(db: Db, schema: string, run: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`${schema}:organisation`}))`.execute(tx);
    return run(tx);
  });
}
