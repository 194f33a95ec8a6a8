import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { Timestamp } from "../db/system-tables.ts";

declare module "../db/system-tables.ts" {
  interface PlatformTables {
    job_clock: JobClockTable;
  }
}

/** Per cron job (`key`, its queue), the last minute whose firings were queued, shared by every engine process. */
export interface JobClockTable {
  key: string;
  last_minute: Timestamp;
}

export async function createJobClockTable(tx: Db, schema: string): Promise<void> {
  await tx.schema
    .withSchema(schema)
    .createTable("job_clock")
    .ifNotExists()
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("last_minute", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`insert into ${sql.id(schema, "job_clock")} (key, last_minute)
    values ('cron', date_trunc('minute', now())) on conflict do nothing`.execute(tx);
}
