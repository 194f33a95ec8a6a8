import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../../engine/db/database.ts";

/**
 * A fingerprint of every table of one schema: table → `rows:sha256`, the
 * rows read as `to_jsonb(row)` in primary-key order (whole-row order when a
 * table has none), JSON-serialised and hashed. `strip` names columns left out
 * per table, for values that legitimately change while nobody edits data.
 * Comparing two fingerprints names the table that changed.
 */
export async function contentHash(
  db: Db,
  schema: string,
  strip: Record<string, string[]> = {},
): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = ${schema} and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const keys = await sql<{ tbl: string; col: string }>`
    select kcu.table_name as tbl, kcu.column_name as col
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
    where tc.table_schema = ${schema} and tc.constraint_type = 'PRIMARY KEY'
    order by kcu.table_name, kcu.ordinal_position`.execute(db);
  const result: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const pk = keys.rows.filter((k) => k.tbl === name).map((k) => sql.ref(`t.${k.col}`));
    const order = pk.length > 0 ? sql.join(pk) : sql`to_jsonb(t)::text`;
    const { rows } = await sql<{ row: unknown }>`
      select to_jsonb(t) as row from ${sql.id(schema, name)} as t order by ${order}`.execute(db);
    const hash = createHash("sha256");
    for (const { row } of rows) {
      const value = (typeof row === "string" ? JSON.parse(row) : row) as Record<string, unknown>;
      for (const column of strip[name] ?? []) delete value[column];
      hash.update(JSON.stringify(value)).update("\n");
    }
    result[name] = `${rows.length}:${hash.digest("hex")}`;
  }
  return result;
}
