import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/**
 * The `platform` schema holds the company registry and the login throttle
 * (which must work before a company is known); everything else lives in each
 * company's schema.
 */
export async function ensurePlatformSchema(db: Db): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('platform-schema'))`.execute(tx);
    await tx.schema.createSchema("platform").ifNotExists().execute();
    await tx.schema
      .withSchema("platform")
      .createTable("company")
      .ifNotExists()
      .addColumn("slug", "text", (c) => c.primaryKey())
      .addColumn("schema_name", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("settings", "jsonb", (c) => c.notNull())
      .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    // Failed logins per account and per source, shared by every engine process.
    await tx.schema
      .withSchema("platform")
      .createTable("login_throttle")
      .ifNotExists()
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("failures", "integer", (c) => c.notNull())
      .addColumn("window_start", "timestamptz", (c) => c.notNull())
      .addColumn("blocked_until", "timestamptz")
      .execute();
  });
}
