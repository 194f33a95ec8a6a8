import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { searchColumns, searchFields, searchIndexName } from "../search-index/search-data.ts";
import { searchFillTable } from "../search-index/search-fill-table.ts";
import { searchSignature } from "../search-index/search-signature.ts";

/**
 * Gives an entity with search fields its search columns and their GIN index
 * (search-data.ts). When the rows' search data is stale (the search fields,
 * or what the engine makes of them, changed since it was computed; the
 * signature is the comment of `_search`), a table without rows is done at
 * once, and one with rows gets a fill recorded in `sys_search_fill`, which
 * a background job does in batches (search-fill.ts): a sync never computes
 * rows, so a company with a million of them starts in seconds. The index
 * is dropped meanwhile, for quick search goes by ILIKE alone on that entity
 * until the fill is finished, and one build after it is many times faster
 * than as many index updates. A fill already under way with this signature
 * goes on where it is. Tokens are compared bytewise (`collate "C"`): the
 * index never sorts them for people, and a build with the language's
 * collation took three times as long. Returns the index's name when it
 * was built.
 */
export async function syncSearchIndex(
  tx: Db,
  schema: string,
  def: EntityDefinition,
  columns: ReadonlySet<string>,
  indexes: ReadonlySet<string>,
): Promise<string | undefined> {
  if (searchFields(def).length === 0) return undefined;
  const key = def.entity.key;
  const table = sql.id(schema, key);
  const index = searchIndexName(key);
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
  const signature = searchSignature(def);
  const fill = sql.id(schema, searchFillTable);
  if (rows[0]?.signature !== signature) {
    const { rows: some } = await sql`select 1 from ${table} limit 1`.execute(tx);
    if (some.length > 0) {
      const { rows: started } = await sql`
        insert into ${fill} ("entity", "signature") values (${key}, ${signature})
        on conflict ("entity") do update
          set "signature" = excluded."signature", "after" = null, "filled" = 0, "rows" = null,
            "started_at" = now(), "finished_at" = null
          where ${fill}."signature" <> excluded."signature" or ${fill}."finished_at" is not null
        returning "entity"`.execute(tx);
      // A fill under way keeps its place, and the index its finish may have built already.
      if (started.length > 0) await sql`drop index if exists ${sql.id(schema, index)}`.execute(tx);
      return undefined;
    }
    await sql`delete from ${fill} where "entity" = ${key}`.execute(tx);
    await sql`comment on column ${sql.id(schema, key, searchColumns.grams)} is ${sql.lit(signature)}`.execute(
      tx,
    );
  }
  if (indexes.has(index)) return undefined;
  await sql`create index ${sql.id(index)} on ${table} using gin (${sql.id(searchColumns.grams)})`.execute(
    tx,
  );
  return index;
}
