import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/** The `platform` schema holds only the company registry; everything else lives in each company's schema. */
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
  });
}
