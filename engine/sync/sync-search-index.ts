import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { fillSearchData, searchColumns, searchFields } from "../search-index/search-data.ts";

/**
 * Bumped when what the search columns hold changes (the tokens, the pinyin
 * forms): every company's rows are then computed again on its next sync.
 */
const searchRevision = 1;

/** What an entity's `_search` column is computed from, kept as the column's comment. */
const signatureOf = (fields: readonly string[]) => `${fields.join(",")}|${searchRevision}`;

const indexNameOf = (table: string) => `${table}_search_gin`;

/**
 * Gives an entity with search fields its search columns and their GIN index
 * (search-data.ts), and computes every row's search data when the search
 * fields (or what the engine makes of them) changed since the last sync: a
 * new company has no rows, an existing one is filled here once, in the
 * sync's transaction. The index is dropped for the fill and built after it
 * (one build is many times faster than as many index updates), then the
 * column analysed, so that the planner knows its common tokens at once.
 * Tokens are compared bytewise (`collate "C"`): the index never sorts them
 * for people, and a build with the language's collation took three times
 * as long. Returns the index's name when it was (re)built.
 */
export async function syncSearchIndex(
  tx: Db,
  schema: string,
  def: EntityDefinition,
  columns: ReadonlySet<string>,
  indexes: ReadonlySet<string>,
): Promise<string | undefined> {
  const fields = searchFields(def);
  if (fields.length === 0) return undefined;
  const key = def.entity.key;
  const table = sql.id(schema, key);
  const index = indexNameOf(key);
  if (!columns.has(searchColumns.grams))
    await sql`alter table ${table}
      add column ${sql.id(searchColumns.grams)} text[] collate "C",
      add column ${sql.id(searchColumns.pinyin)} jsonb`.execute(tx);
  const { rows } = await sql<{ signature: string | null }>`
    select col_description(${`${schema}.${key}`}::regclass, a.attnum) as signature
    from pg_catalog.pg_attribute a
    where a.attrelid = ${`${schema}.${key}`}::regclass and a.attname = ${searchColumns.grams}`.execute(
    tx,
  );
  const signature = signatureOf(fields);
  const stale = rows[0]?.signature !== signature;
  if (stale) {
    await sql`drop index if exists ${sql.id(schema, index)}`.execute(tx);
    const written = await fillSearchData(tx, schema, def, "all");
    await sql`comment on column ${sql.id(schema, key, searchColumns.grams)} is ${sql.lit(signature)}`.execute(
      tx,
    );
    if (written > 0) await sql`analyze ${table} (${sql.id(searchColumns.grams)})`.execute(tx);
  }
  if (!stale && indexes.has(index)) return undefined;
  await sql`create index ${sql.id(index)} on ${table} using gin (${sql.id(searchColumns.grams)})`.execute(
    tx,
  );
  return index;
}
