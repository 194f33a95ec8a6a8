import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/** Per entity, the fill of its rows' search data that runs in the background (search-fill.ts). */
export const searchFillTable = "sys_search_fill";

/** A fill as the table holds it. */
export interface SearchFillRow {
  entity: string;
  /** What the rows are being computed from (search-signature.ts); a new one starts the fill over. */
  signature: string;
  /** The last id filled: the fill goes on after it, in id order, after a restart too. */
  after: string | null;
  /** Rows filled so far. */
  filled: number;
  /** Rows the table had when the fill started (null until the job has counted them). */
  rows: number | null;
  started_at: string;
  finished_at: string | null;
}

/**
 * Creates the table when it is missing: `if not exists`, since companies
 * created before it get it on their next context load. Callers hold the
 * company's advisory lock.
 */
export async function createSearchFillTable(tx: Db, schema: string): Promise<void> {
  await sql`create table if not exists ${sql.id(schema, searchFillTable)} (
    "entity" text primary key,
    "signature" text not null,
    "after" uuid,
    "filled" bigint not null default 0,
    "rows" bigint,
    "started_at" timestamptz not null default now(),
    "finished_at" timestamptz
  )`.execute(tx);
}

/** The entities of a company whose search data is still being filled. */
export async function unfilledEntities(db: Db, schema: string): Promise<Set<string>> {
  const { rows } = await sql<{ entity: string }>`
    select "entity" from ${sql.id(schema, searchFillTable)} where "finished_at" is null`.execute(
    db,
  );
  return new Set(rows.map((r) => r.entity));
}
