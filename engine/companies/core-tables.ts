import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { systemTables } from "../db/system-tables.ts";

/**
 * The engine's own tables every company schema has before any module's:
 * users and their sessions, and the metadata overlay's versions and head.
 * Entity tables come from metadata (sync/); system tables are prefixed
 * `sys_`, a prefix entity keys may not use.
 */
export async function createCoreTables(tx: Db, schema: string): Promise<void> {
  const s = tx.schema.withSchema(schema);
  await s
    .createTable("sys_user")
    .ifNotExists()
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("is_admin", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("is_active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s
    .createTable("sys_session")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret_hash", "bytea", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) =>
      c.notNull().references(`${schema}.sys_user.id`).onDelete("cascade"),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull())
    .execute();
  // Overlay versions are append-only; the head is the version in force.
  await s
    .createTable("sys_meta_version")
    .ifNotExists()
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("overlay", "jsonb", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references(`${schema}.sys_user.id`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s
    .createTable("sys_meta_state")
    .ifNotExists()
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("head", "integer", (c) => c.notNull())
    .addColumn("synced_hash", "text")
    .addColumn("good_hash", "text")
    .addColumn("good_metadata", "jsonb")
    .addColumn("error", "text")
    .execute();
  await systemTables(tx, schema)
    .insertInto("sys_meta_version")
    .values({ version: 0, overlay: "{}", note: "empty overlay" })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await systemTables(tx, schema)
    .insertInto("sys_meta_state")
    .values({ id: 1, head: 0 })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The company registry in the platform schema: every company's slug, schema and settings. */
export async function createCompanyRegistry(tx: Db, schema: string): Promise<void> {
  await tx.schema
    .withSchema(schema)
    .createTable("company")
    .ifNotExists()
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("schema_name", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("settings", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
