import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/**
 * From this size an index is built concurrently after the sync's commit
 * rather than inside it: building one on a million customers (about 200 MB)
 * took 1.5–2.2 s, each list waiting behind its lock as long, while one on a
 * table under this size takes a few milliseconds.
 */
export const bigTableBytes = 2 * 1024 * 1024;

/** Whether a table's rows fill `bigTableBytes` or more. Its real size: planner estimates lag behind a bulk insert. */
export async function bigTable(tx: Db, schema: string, table: string): Promise<boolean> {
  const { rows } = await sql<{ bytes: string | number }>`
    select pg_catalog.pg_relation_size(c.oid) as bytes from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relname = ${table} and c.relkind = 'r'`.execute(tx);
  return rows.length > 0 && Number(rows[0]!.bytes) >= bigTableBytes;
}
