import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { loadPinyinForms } from "./pinyin-forms.ts";
import { searchColumns, searchData, searchFields, searchIndexName } from "./search-data.ts";
import { searchFillTable, type SearchFillRow } from "./search-fill-table.ts";
import { searchSignature } from "./search-signature.ts";

/** Rows computed and written per transaction: short enough never to hold a table or the embedded database for long. */
export const searchFillBatch = 5_000;

/** Where one step of a fill left it. */
export type FillStep =
  | { readonly state: "filling"; readonly filled: number; readonly rows: number }
  | { readonly state: "finished" | "superseded" };

/**
 * Fills the next batch of an entity's rows (in id order, after the last one
 * filled) with search data computed from the entity's current search fields,
 * and, once none is left, builds the GIN index and marks the fill finished.
 * Resumable: the place reached is written with each batch, so a crashed or
 * repeated job goes on from there, and two jobs at once share the work.
 *
 * The rows are read and computed outside any transaction; a row is written
 * only if its search fields still hold what was read, since a record
 * changed meanwhile was given its own search data by the record service.
 * A fill whose signature is no longer the entity's is `superseded`: the
 * sync that changed it started a new one.
 */
export async function fillStep(
  db: Db,
  schema: string,
  def: EntityDefinition,
  batch = searchFillBatch,
): Promise<FillStep> {
  const key = def.entity.key;
  const fill = sql.id(schema, searchFillTable);
  const signature = searchSignature(def);
  const found = (
    await sql<SearchFillRow>`select * from ${fill} where "entity" = ${key}`.execute(db)
  ).rows[0];
  if (!found || found.signature !== signature) return { state: "superseded" };
  if (found.finished_at !== null) return { state: "finished" };
  const rows = found.rows ?? (await countRows(db, schema, key));
  const fields = searchFields(def);
  let read = db
    .selectFrom(`${schema}.${key}`)
    .select(["id", ...fields])
    .orderBy("id")
    .limit(batch);
  if (found.after !== null) read = read.where("id", ">", found.after);
  const page = (await read.execute()) as Record<string, unknown>[];
  if (page.length === 0) {
    await finishFill(db, schema, def, signature);
    return { state: "finished" };
  }
  const forms = await loadPinyinForms();
  const data = page.map((row) => ({
    id: row.id,
    was: fields.map((f) => (row[f] === null || row[f] === undefined ? null : String(row[f]))),
    ...searchData(fields, row, forms),
  }));
  const last = page[page.length - 1]!.id as string;
  // Compared bytewise: the column's collation and the JSON text's would not meet.
  const unchanged = fields.map(
    (f, i) => sql`t.${sql.id(f)}::text collate "C" is not distinct from v."was" ->> ${sql.lit(i)}`,
  );
  await db.transaction().execute(async (tx) => {
    await sql`update ${sql.id(schema, key)} as t
      set "_search" = v."_search", "_pinyin" = cast(v."_pinyin" as jsonb)
      from jsonb_to_recordset(cast(${JSON.stringify(data)} as jsonb))
        as v(id uuid, "was" jsonb, "_search" text[], "_pinyin" text)
      where t.id = v.id and ${sql.join(unchanged, sql` and `)}`.execute(tx);
    // Another job may have gone past this batch meanwhile: the place only moves forward.
    await sql`update ${fill} set "after" = ${last}, "filled" = "filled" + ${page.length}
      where "entity" = ${key} and "signature" = ${signature}
        and "after" is not distinct from ${found.after}`.execute(tx);
  });
  return { state: "filling", filled: found.filled + page.length, rows };
}

/** The table's rows when the fill starts, kept so that its progress can be told. */
async function countRows(db: Db, schema: string, key: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int8 as n from ${sql.id(schema, key)}`.execute(db);
  const n = rows[0]!.n;
  await sql`update ${sql.id(schema, searchFillTable)} set "rows" = ${n} where "entity" = ${key}`.execute(
    db,
  );
  return n;
}

/**
 * Builds the entity's GIN index (concurrently: writes go on while it
 * builds), analyses the column so that the planner knows its
 * common tokens, and marks the fill finished with the signature as the
 * column's comment, which is what sync reads. An index left invalid by an
 * interrupted build is dropped and built again.
 */
async function finishFill(db: Db, schema: string, def: EntityDefinition, signature: string) {
  const key = def.entity.key;
  const index = searchIndexName(key);
  const { rows } = await sql<{ valid: boolean }>`
    select i.indisvalid as valid from pg_catalog.pg_index i
    where i.indexrelid = to_regclass(${`${schema}.${index}`})`.execute(db);
  if (rows[0]?.valid === false) await sql`drop index ${sql.id(schema, index)}`.execute(db);
  await sql`create index concurrently if not exists ${sql.id(index)}
    on ${sql.id(schema, key)} using gin (${sql.id(searchColumns.grams)})`.execute(db);
  await sql`analyze ${sql.id(schema, key)} (${sql.id(searchColumns.grams)})`.execute(db);
  await db.transaction().execute(async (tx) => {
    const { rows: marked } = await sql`update ${sql.id(schema, searchFillTable)}
      set "finished_at" = now()
      where "entity" = ${key} and "signature" = ${signature} and "finished_at" is null
      returning "entity"`.execute(tx);
    if (marked.length > 0)
      await sql`comment on column ${sql.id(schema, key, searchColumns.grams)} is ${sql.lit(signature)}`.execute(
        tx,
      );
  });
}
