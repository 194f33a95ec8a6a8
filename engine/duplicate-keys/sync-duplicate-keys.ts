import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { fillBatch, readFillState, writeFillState } from "./duplicate-fill.ts";
import {
  duplicateColumn,
  duplicateFields,
  duplicateIndexName,
  duplicateSignature,
} from "./duplicate-keys.ts";

/**
 * Rows a sync computes itself when an entity's duplicate fields change; a
 * bigger table is left to the background job (duplicate-fill-job.ts), so
 * that no admin change holds a million rows' worth of work.
 */
export const syncFillLimit = 10_000;

/**
 * Gives an entity with duplicate fields its `_dup` column and GIN index
 * (duplicate-keys.ts), and, when the keys were computed from other fields
 * (or by older rules), computes them again: at once for a small table,
 * otherwise by recording a fill that the `duplicates.fill` job does in
 * batches. A column no longer needed is left as it is (sync is additive).
 * Returns the index's name when it was built.
 */
export async function syncDuplicateKeys(
  tx: Db,
  schema: string,
  def: EntityDefinition,
  columns: ReadonlySet<string>,
  indexes: ReadonlySet<string>,
): Promise<string | undefined> {
  if (duplicateFields(def).length === 0) return undefined;
  const key = def.entity.key;
  if (!columns.has(duplicateColumn))
    await sql`alter table ${sql.id(schema, key)}
      add column ${sql.id(duplicateColumn)} text[] collate "C"`.execute(tx);
  const signature = duplicateSignature(def);
  const state = await readFillState(tx, schema, key);
  if (state.signature !== signature) {
    const { rows } =
      await sql`select 1 from ${sql.id(schema, key)} limit ${syncFillLimit + 1}`.execute(tx);
    await writeFillState(tx, schema, key, signature, null);
    if (rows.length <= syncFillLimit) while (await fillBatch(tx, schema, def));
  }
  const index = duplicateIndexName(key);
  if (indexes.has(index)) return undefined;
  await sql`create index ${sql.id(index)} on ${sql.id(schema, key)}
    using gin (${sql.id(duplicateColumn)})`.execute(tx);
  return index;
}

/** The entities of a company whose keys a fill is still computing. */
export async function fillingDuplicates(db: Db, schema: string): Promise<string[]> {
  const { rows } = await sql<{ entity: string; comment: string | null }>`
    select c.relname as entity, col_description(c.oid, a.attnum) as comment
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and a.attname = ${duplicateColumn} and not a.attisdropped`.execute(
    db,
  );
  return rows
    .filter(
      (r) =>
        r.comment !== null && /\|[0-9a-f-]*$/.test(r.comment) && r.comment.split("|").length > 2,
    )
    .map((r) => r.entity);
}
