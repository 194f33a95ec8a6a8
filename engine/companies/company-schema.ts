import { sql } from "kysely";
import {
  addShareSubDepartments,
  createShareTable,
  shareSubDepartmentsIndex,
  shareTable,
} from "../access/share-table.ts";
import { accessStateTable, createAccessStateTable } from "../access/access-state-table.ts";
import { auditTable, auditTargetIndex, createAuditTable } from "../audit/audit-table.ts";
import type { Db } from "../db/database.ts";
import { createOrgTables, departmentTable } from "../org/org-tables.ts";
import { createRoleTables, roleTable } from "../org/role-tables.ts";
import { createNumberSeriesTable, numberSeriesTable } from "../numbering/number-series-table.ts";
import { createUserPrefTable, userPrefTable } from "../prefs/user-pref-table.ts";

/**
 * The engine's own tables inside a company schema. Entity tables come from
 * metadata (sync/); these are fixed and prefixed `sys_`, a prefix entity keys
 * may not use.
 */
export async function createCompanySystemTables(tx: Db, schema: string): Promise<void> {
  const s = tx.schema.withSchema(schema);
  await s
    .createTable("sys_user")
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
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("overlay", "jsonb", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references(`${schema}.sys_user.id`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s
    .createTable("sys_meta_state")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("head", "integer", (c) => c.notNull())
    .addColumn("synced_hash", "text")
    .addColumn("good_hash", "text")
    .addColumn("good_metadata", "jsonb")
    .addColumn("error", "text")
    .execute();
  await createNumberSeriesTable(tx, schema);
  await createAuditTable(tx, schema);
  await createOrgTables(tx, schema);
  await createRoleTables(tx, schema);
  await createShareTable(tx, schema);
  await createAccessStateTable(tx, schema);
  await createUserPrefTable(tx, schema);
  await tx
    .insertInto(`${schema}.sys_meta_version`)
    .values({ version: 0, overlay: "{}", note: "empty overlay" })
    .execute();
  await tx.insertInto(`${schema}.sys_meta_state`).values({ id: 1, head: 0 }).execute();
}

/**
 * System tables added after companies already existed, each with its
 * idempotent creation. `createCompanySystemTables` makes them for a new
 * company; `ensureLaterSystemTables` for a schema that predates them. A
 * later part of an existing table is named by an index it brought, so the
 * same catalog query finds it missing.
 */
const laterSystemTables: Record<string, (tx: Db, schema: string) => Promise<void>> = {
  [numberSeriesTable]: createNumberSeriesTable,
  [auditTable]: createAuditTable,
  [auditTargetIndex]: createAuditTable,
  [departmentTable]: createOrgTables,
  [roleTable]: createRoleTables,
  [shareTable]: createShareTable,
  [shareSubDepartmentsIndex]: addShareSubDepartments,
  // After the tables whose changes it counts.
  [accessStateTable]: createAccessStateTable,
  [userPrefTable]: createUserPrefTable,
};

/**
 * Creates the later system tables a company schema lacks. Called on every
 * context load, under the company's advisory lock, rather than tied to the
 * metadata sync: sync is skipped when the metadata hash is unchanged or when
 * the company serves its last good metadata, and the engine's own tables must
 * not depend on either. Costs one catalog query when nothing is missing.
 */
export async function ensureLaterSystemTables(tx: Db, schema: string): Promise<void> {
  const names = Object.keys(laterSystemTables);
  const { rows } = await sql<{ relname: string }>`
    select c.relname from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relname in (${sql.join(names)})`.execute(tx);
  const present = new Set(rows.map((r) => r.relname));
  for (const name of names) {
    if (!present.has(name)) await laterSystemTables[name]!(tx, schema);
  }
}
