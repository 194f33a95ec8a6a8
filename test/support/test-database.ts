import { sql } from "kysely";
import { openDatabase, type Database } from "../../engine/db/database.ts";

/**
 * Which database the API suite runs on: `TEST_DB=pglite` (default) or
 * `TEST_DB=postgres` with DATABASE_URL (and DATABASE_OWNER_URL, when set, as
 * the role that owns schemas and audit trails).
 */
export const testDbKind = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";

const key = Symbol.for("metacrm.testDatabase");
type Holder = { [key]?: Promise<Database> };

/**
 * The one database of a test run, shared by every test file (a fresh PGlite
 * costs seconds and a gigabyte). On PostgreSQL the run starts from an empty
 * database: every schema the engine made in an earlier run is dropped.
 */
export function testDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[key] ??= open(testDbKind);
  return holder[key];
}

export async function open(kind: "pglite" | "postgres"): Promise<Database> {
  if (kind === "pglite") return openDatabase({ kind: "pglite", dataDir: undefined });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("TEST_DB=postgres needs DATABASE_URL");
  const ownerUrl = process.env.DATABASE_OWNER_URL;
  const database = await openDatabase({ kind: "postgres", url, ...(ownerUrl ? { ownerUrl } : {}) });
  // With an owner role, it owns the schemas: only it can drop them.
  const db = database.owner?.db ?? database.db;
  const schemas = await sql<{ nspname: string }>`
    select nspname from pg_catalog.pg_namespace where nspname = 'platform' or nspname like 'co\\_%'`.execute(
    db,
  );
  for (const { nspname } of schemas.rows)
    await sql`drop schema ${sql.id(nspname)} cascade`.execute(db);
  return database;
}
