import type { Db } from "../db/database.ts";

/** Failed logins per account and per source, in the platform schema: shared by every engine process. */
export async function createLoginThrottleTable(tx: Db, schema: string): Promise<void> {
  await tx.schema
    .withSchema(schema)
    .createTable("login_throttle")
    .ifNotExists()
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("blocked_until", "timestamptz")
    .execute();
}
