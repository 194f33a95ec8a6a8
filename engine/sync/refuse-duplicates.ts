import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/**
 * Fails as PostgreSQL does (SQLSTATE 23505 naming the unique index) when
 * existing rows share a value of `column`: a unique index built after the
 * commit would fail on them, after the admin was told the change was made.
 * A read, which blocks no one; the inline build checks the same by failing.
 */
export async function refuseDuplicates(
  tx: Db,
  schema: string,
  table: string,
  column: string,
  index: string,
): Promise<void> {
  const col = sql.id(column);
  const { rows } = await sql`select 1 from ${sql.id(schema, table)} where ${col} is not null
    group by ${col} having count(*) > 1 limit 1`.execute(tx);
  if (rows.length > 0)
    throw Object.assign(new Error(`could not create unique index "${index}"`), {
      code: "23505",
      constraint: index,
    });
}
