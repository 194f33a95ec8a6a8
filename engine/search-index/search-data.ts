import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { loadPinyinForms, type PinyinForms } from "./pinyin-forms.ts";
import { textGrams } from "./search-grams.ts";

/**
 * The columns the engine keeps beside an entity's fields for quick search
 * (never fields: a field key cannot start with `_`): `_search`, the tokens of
 * every search field and of their pinyin (search-grams.ts), under a GIN
 * index; `_pinyin`, each search field's pinyin forms by field, one per line,
 * which `q` matches as it matches the field.
 */
export const searchColumns = { grams: "_search", pinyin: "_pinyin" } as const;

/** The GIN index of an entity's `_search`. */
export const searchIndexName = (table: string) => `${table}_search_gin`;

/** What the columns hold, per row. */
export interface SearchData {
  readonly _search: string[];
  readonly _pinyin: string | null;
}

/** An entity's search fields, as the company's full metadata names them (roles hide none of them here). */
export const searchFields = (def: EntityDefinition): readonly string[] => def.entity.search ?? [];

/** The search columns' values of a row holding (at least) the search fields. */
export function searchData(
  fields: readonly string[],
  row: Readonly<Record<string, unknown>>,
  forms: PinyinForms,
): SearchData {
  const texts: string[] = [];
  const pinyin: Record<string, string> = {};
  for (const field of fields) {
    const value = row[field];
    if (typeof value !== "string" || value === "") continue;
    texts.push(value);
    const read = forms(value);
    if (read.length > 0) {
      pinyin[field] = read.join("\n");
      texts.push(...read);
    }
  }
  return {
    _search: textGrams(texts),
    _pinyin: Object.keys(pinyin).length > 0 ? JSON.stringify(pinyin) : null,
  };
}

/** The search data of rows given with their id and search fields, computed and written in one statement. */
export async function writeSearchData(
  tx: Db,
  table: string,
  fields: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<void> {
  if (rows.length === 0) return;
  const forms = await loadPinyinForms();
  const data = rows.map((row) => ({ id: row.id, ...searchData(fields, row, forms) }));
  await sql`update ${sql.table(table)} as t
    set "_search" = v."_search", "_pinyin" = cast(v."_pinyin" as jsonb)
    from jsonb_to_recordset(cast(${JSON.stringify(data)} as jsonb))
      as v(id uuid, "_search" text[], "_pinyin" text)
    where t.id = v.id`.execute(tx);
}

/**
 * Computes the search data of an entity's rows that have none (rows written
 * by SQL rather than the record service, such as the benchmark's COPY),
 * `chunk` at a time in id order. Returns how many rows it wrote.
 */
export async function fillSearchData(
  tx: Db,
  schema: string,
  def: EntityDefinition,
  chunk = 2000,
): Promise<number> {
  const fields = searchFields(def);
  const table = `${schema}.${def.entity.key}`;
  let after: string | undefined;
  let written = 0;
  for (;;) {
    let query = tx
      .selectFrom(table)
      .select(["id", ...fields])
      .where(searchColumns.grams, "is", null)
      .orderBy("id")
      .limit(chunk);
    if (after !== undefined) query = query.where("id", ">", after);
    const rows = (await query.execute()) as Record<string, unknown>[];
    await writeSearchData(tx, table, fields, rows);
    written += rows.length;
    if (rows.length < chunk) return written;
    after = rows[rows.length - 1]!.id as string;
  }
}
