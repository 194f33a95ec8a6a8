import { createHash } from "node:crypto";
import { sql, type RawBuilder } from "kysely";
import type { Db } from "../db/database.ts";
import type { FieldContext } from "../fields/field-type.ts";
import { getFieldType, refersToRecords } from "../fields/registry.ts";
import { userEntity, type EffectiveMetadata } from "../metadata/metadata-types.ts";
import { syncSearchIndex } from "./sync-search-index.ts";
import { syncDuplicateKeys } from "../duplicate-keys/sync-duplicate-keys.ts";
import {
  collateTextColumns,
  ensureTextCollation,
  textCollationRef,
  textColumnsToCollate,
} from "./text-collation.ts";

export interface SyncReport {
  created: string[];
  added: string[];
  /** Text columns given the company's collation (text-collation.ts), `entity.field`. */
  collated: string[];
  indexes: string[];
  foreignKeys: string[];
}

/**
 * Bumped when sync itself learns to create something new (an index, say), so
 * that companies synced by an older engine are synced again on their next
 * load even though their metadata did not change.
 */
const syncRevision = 6;

/** What `sys_meta_state.synced_hash` holds once a company's schema matches `hash`. */
export const syncedMark = (hash: string) => `${hash}+${syncRevision}`;

/** How long DDL may wait for a lock before the sync gives up (the company then answers 503 and retries later). */
const lockTimeout = "5s";

/**
 * Brings a company schema up to its effective metadata: creates missing
 * tables, columns, indexes and foreign keys. Idempotent, additive only:
 * no column or data is ever dropped or altered, so a removed field keeps its
 * column and data; only a list index sync itself made and has since replaced
 * is dropped. Runs inside the caller's transaction.
 */
export async function syncCompanySchema(
  tx: Db,
  schema: string,
  meta: EffectiveMetadata,
  ctx: FieldContext,
): Promise<SyncReport> {
  await sql`select set_config('lock_timeout', ${lockTimeout}, true)`.execute(tx);
  const report: SyncReport = { created: [], added: [], collated: [], indexes: [], foreignKeys: [] };
  await ensureTextCollation(tx, schema);
  const existing = await introspect(tx, schema);
  const uncollated = await textColumnsToCollate(tx, schema);
  const userTable = sql.id(schema, userEntity.table);

  for (const key of Object.keys(meta.entities).sort()) {
    if (existing.columns.has(key)) continue;
    const table = sql.id(schema, key);
    await sql`create table ${table} (
      "id" uuid primary key,
      "version" integer not null default 1,
      "owner" uuid references ${userTable} ("id"),
      "createdBy" uuid references ${userTable} ("id"),
      "updatedBy" uuid references ${userTable} ("id"),
      "createdAt" timestamptz not null,
      "updatedAt" timestamptz not null
    )`.execute(tx);
    existing.columns.set(
      key,
      new Set(["id", "version", "owner", "createdBy", "updatedBy", "createdAt", "updatedAt"]),
    );
    report.created.push(key);
  }

  for (const [key, def] of Object.entries(meta.entities)) {
    const table = sql.id(schema, key);
    const columns = existing.columns.get(key)!;
    const toCollate: string[] = [];
    for (const [name, field] of Object.entries(def.entity.fields)) {
      const column = getFieldType(field.type)!.sqlType(field, ctx);
      if (columns.has(name)) {
        if (column === "text" && uncollated.get(key)?.has(name)) toCollate.push(name);
        continue;
      }
      // Nullable always: adding one is instant, and `required` is enforced by the API's schema.
      const collate = column === "text" ? sql`collate ${textCollationRef(schema)}` : sql``;
      await sql`alter table ${table} add column ${sql.id(name)} ${sql.raw(column)} ${collate}`.execute(
        tx,
      );
      report.added.push(`${key}.${name}`);
    }
    // Before the indexes below: a column changed now has its indexes rebuilt in its new order.
    if (toCollate.length > 0) {
      await collateTextColumns(tx, schema, key, toCollate);
      report.collated.push(...toCollate.map((name) => `${key}.${name}`));
    }
    const searchIndex = await syncSearchIndex(tx, schema, def, columns, existing.indexes);
    if (searchIndex) report.indexes.push(searchIndex);
    const duplicateIndex = await syncDuplicateKeys(tx, schema, def, columns, existing.indexes);
    if (duplicateIndex) report.indexes.push(duplicateIndex);

    // List indexes end with the id, in the last key's direction as list sorts
    // do (plan-list.ts), so that a keyset page is one range of the index and
    // a sort needs no extra step; they carry the owner, which record scopes
    // and shares test (access/record-scope.ts), so that a scoped page's ids or
    // count come from the index alone, as an unscoped one's do. Named
    // `_keyset`; the `_cover` indexes they replace (sort keys only, owner and
    // id included) were made by sync and are dropped once these exist.
    const wanted: Wanted[] = [
      listIndex(key, ["-createdAt"]),
      { name: indexName(key, ["owner"]), columns: ["owner"] },
      ...(def.entity.indexes ?? []).map((cols) => listIndex(key, cols)),
    ];
    for (const [name, field] of Object.entries(def.entity.fields)) {
      if (field.unique)
        wanted.push({ name: indexName(key, [name], "key"), columns: [name], unique: true });
      if (refersToRecords(field)) wanted.push({ name: indexName(key, [name]), columns: [name] });
    }
    for (const index of wanted) {
      if (existing.indexes.has(index.name)) continue;
      const cols = sql.join(index.columns.map(orderedColumn));
      const unique = index.unique ? sql`unique` : sql``;
      const include = index.replaces ? sql`include ("owner")` : sql``;
      await sql`create ${unique} index ${sql.id(index.name)} on ${table} (${cols}) ${include}`.execute(
        tx,
      );
      existing.indexes.add(index.name);
      report.indexes.push(index.name);
    }
    for (const { replaces } of wanted) {
      if (!replaces || !existing.indexes.has(replaces)) continue;
      await sql`drop index ${sql.id(schema, replaces)}`.execute(tx);
      existing.indexes.delete(replaces);
    }

    for (const [name, field] of Object.entries(def.entity.fields)) {
      if (!refersToRecords(field)) continue;
      const fk = indexName(key, [name], "fkey");
      if (existing.constraints.has(fk)) continue;
      const target = field.entity === userEntity.key ? userTable : sql.id(schema, field.entity!);
      await sql`alter table ${table} add constraint ${sql.id(fk)} foreign key (${sql.id(name)})
        references ${target} ("id") ${onDelete(field.onDelete)}`.execute(tx);
      report.foreignKeys.push(fk);
    }
  }
  return report;
}

interface Wanted {
  name: string;
  columns: string[];
  unique?: boolean;
  /** A list index: it carries the owner, and supersedes the index of this name. */
  replaces?: string;
}

/** A list index on sort keys (`["city", "-createdAt"]`), the id last in the last key's direction. */
function listIndex(table: string, keys: string[]): Wanted {
  const id = keys.at(-1)!.startsWith("-") ? "-id" : "id";
  const columns = [...keys, id];
  return {
    name: indexName(table, columns, "keyset"),
    columns,
    replaces: indexName(table, keys, "cover"),
  };
}

function orderedColumn(sortKey: string): RawBuilder<unknown> {
  return sortKey.startsWith("-") ? sql`${sql.id(sortKey.slice(1))} desc` : sql`${sql.id(sortKey)}`;
}

function onDelete(rule: string | undefined): RawBuilder<unknown> {
  if (rule === "cascade") return sql`on delete cascade`;
  if (rule === "setNull") return sql`on delete set null`;
  return sql`on delete restrict`;
}

/** A readable name that stays within PostgreSQL's 63 bytes and is the same for the same columns. */
function indexName(table: string, columns: string[], suffix = "idx"): string {
  const readable = `${table}_${columns.map((c) => c.replace(/^-/, "")).join("_")}_${suffix}`;
  if (readable.length <= 63) return readable;
  const hash = createHash("sha256").update(readable).digest("hex").slice(0, 10);
  return `${readable.slice(0, 63 - hash.length - 1)}_${hash}`;
}

async function introspect(tx: Db, schema: string) {
  const cols = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = ${schema}`.execute(
    tx,
  );
  const columns = new Map<string, Set<string>>();
  for (const r of cols.rows) {
    if (!columns.has(r.table_name)) columns.set(r.table_name, new Set());
    columns.get(r.table_name)!.add(r.column_name);
  }
  const idx = await sql<{
    indexname: string;
  }>`select indexname from pg_catalog.pg_indexes where schemaname = ${schema}`.execute(tx);
  const con = await sql<{ conname: string }>`
    select c.conname from pg_catalog.pg_constraint c
    join pg_catalog.pg_namespace n on n.oid = c.connamespace where n.nspname = ${schema}`.execute(
    tx,
  );
  return {
    columns,
    indexes: new Set(idx.rows.map((r) => r.indexname)),
    constraints: new Set(con.rows.map((r) => r.conname)),
  };
}
