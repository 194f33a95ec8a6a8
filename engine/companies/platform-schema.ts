import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import { actAsEngine, createOwnedSchema } from "../db/schema-owner.ts";

/**
 * The `platform` schema holds the company registry and the login throttle
 * (which must work before a company is known); everything else lives in each
 * company's schema. With an owner role the owner creates the schema (the
 * engine's role needs no right to create schemas) and the engine its tables.
 */
export async function ensurePlatformSchema(database: Database): Promise<void> {
  const owner = database.owner;
  await (owner?.db ?? database.db).transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('platform-schema'))`.execute(tx);
    if (owner) {
      const { rows } =
        await sql`select 1 from pg_catalog.pg_namespace where nspname = 'platform'`.execute(tx);
      if (rows.length === 0) await createOwnedSchema(tx, owner, "platform");
      await actAsEngine(tx, owner);
    } else {
      await tx.schema.createSchema("platform").ifNotExists().execute();
    }
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
