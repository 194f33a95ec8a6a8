import { sql, type RawBuilder } from "kysely";
import { defaultLocale, isLocale, type Locale } from "../../metadata/locale.ts";
import type { Db } from "../db/database.ts";

/** The collation every text column of a company's entity tables carries, in the company's schema. */
export const textCollation = "text_order";

/**
 * ICU locales by company language where the language's own tag is not the
 * best: Chinese by pinyin (ICU's `zh` orders Han by pinyin, Han before
 * Latin), English by the root collation (letters before case, so `apple`
 * sits next to `Apple`, not after `Zebra`). Another language sorts by its tag.
 */
const icuLocales: Partial<Record<Locale, string>> = {
  "zh-CN": "zh-u-co-pinyin",
  en: "und",
};

/** `"co_acme"."text_order"`, for a column definition or an ORDER BY. */
export const textCollationRef = (schema: string): RawBuilder<unknown> =>
  sql.id(schema, textCollation);

/**
 * Creates the company's text collation when missing: ICU in the company's
 * language where the server has ICU, else a copy of "C" so that the name
 * always exists. Kept in the company's schema, so that a dump of the schema
 * restores alone. Returns whether it was created now.
 *
 * What the ICU collation knows depends on the server's ICU data:
 * PostgreSQL's sorts Chinese by pinyin; PGlite 0.5 ships ICU with the root
 * collation only, so there `zh` sorts as the root does (ARCHITECTURE.md).
 */
export async function ensureTextCollation(tx: Db, schema: string): Promise<boolean> {
  const { rows } = await sql<{ present: boolean; icu: boolean; language: string | null }>`
    select
      exists (select 1 from pg_catalog.pg_collation c join pg_catalog.pg_namespace n
        on n.oid = c.collnamespace where n.nspname = ${schema} and c.collname = ${textCollation}) as present,
      exists (select 1 from pg_catalog.pg_collation where collprovider = 'i') as icu,
      (select settings->>'language' from platform.company where schema_name = ${schema}) as language`.execute(
    tx,
  );
  const { present, icu, language } = rows[0]!;
  if (present) return false;
  const ref = textCollationRef(schema);
  if (icu) {
    const tag = language ?? defaultLocale;
    const locale = isLocale(tag) ? (icuLocales[tag] ?? tag) : "und";
    await sql`create collation ${ref} (provider = icu, locale = ${sql.lit(locale)})`.execute(tx);
  } else {
    await sql`create collation ${ref} from "C"`.execute(tx);
  }
  return true;
}

/**
 * The text columns of each table of a schema that do not carry the company's
 * text collation: all of them in a schema synced before columns did, none
 * once synced.
 */
export async function textColumnsToCollate(
  tx: Db,
  schema: string,
): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    left join pg_catalog.pg_collation co on co.oid = a.attcollation
    left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
    where n.nspname = ${schema} and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      and a.atttypid = 'pg_catalog.text'::pg_catalog.regtype
      and (cn.nspname is distinct from ${schema} or co.collname is distinct from ${textCollation})`.execute(
    tx,
  );
  const byTable = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!byTable.has(r.table_name)) byTable.set(r.table_name, new Set());
    byTable.get(r.table_name)!.add(r.column_name);
  }
  return byTable;
}

/**
 * Gives existing text columns the company's collation, one statement per
 * table. Same type, so PostgreSQL rewrites no rows, only the indexes on
 * those columns, which then serve the new order.
 */
export async function collateTextColumns(
  tx: Db,
  schema: string,
  table: string,
  columns: string[],
): Promise<void> {
  const ref = textCollationRef(schema);
  const changes = columns.map((c) => sql`alter column ${sql.id(c)} type text collate ${ref}`);
  await sql`alter table ${sql.id(schema, table)} ${sql.join(changes)}`.execute(tx);
}
