import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/** PostgreSQL's limit of columns per table (MaxHeapAttributeNumber). */
export const maxColumns = 1600;

export interface ColumnRoom {
  /** Columns the table counts, those of deleted fields included. */
  used: number;
  /** Of those, columns PostgreSQL keeps for dropped columns (never reused). */
  dropped: number;
  left: number;
}

/**
 * How many columns a table can still take. PostgreSQL counts every column it
 * ever had, dropped ones too, and sync never drops one: a field removed from
 * metadata keeps its column and data.
 */
export async function columnRoom(tx: Db, schema: string, table: string): Promise<ColumnRoom> {
  const { rows } = await sql<{ used: number; dropped: number }>`
    select count(*)::int as used, (count(*) filter (where a.attisdropped))::int as dropped
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relname = ${table} and a.attnum > 0`.execute(tx);
  const { used, dropped } = rows[0]!;
  return { used, dropped, left: maxColumns - used };
}
