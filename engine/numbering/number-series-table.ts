import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/** The counters of a company's document numbers, one row per series and period. */
export const numberSeriesTable = "sys_number_series";

/**
 * Creates the counter table when it is missing. `if not exists` because
 * companies created before numbering existed get it later, on their next
 * context load (see `ensureSystemTables`). Callers hold the company's
 * advisory lock, so two creators never race.
 */
export async function createNumberSeriesTable(tx: Db, schema: string): Promise<void> {
  // series is "<entity>.<field>:<series name>" (NumberSeries); period is the pattern's period key ("" when it never resets).
  await sql`create table if not exists ${sql.id(schema, numberSeriesTable)} (
    "series" text not null,
    "period" text not null,
    "last" bigint not null,
    primary key ("series", "period")
  )`.execute(tx);
}
