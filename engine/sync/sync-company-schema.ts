import { sql, type RawBuilder } from "kysely";
import type { Db } from "../db/database.ts";
import type { FieldContext } from "../fields/field-type.ts";
import { getFieldType, refersToRecords } from "../fields/registry.ts";
import { bigTable } from "./big-table.ts";
import { lockPolitely } from "./polite-lock.ts";
import { refuseDuplicates } from "./refuse-duplicates.ts";
import { createIndexSql, indexName, wantedIndexes } from "./wanted-indexes.ts";
import {
  userEntity,
  type EffectiveMetadata,
  type EntityDefinition,
} from "../metadata/metadata-types.ts";
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
  /**
   * Indexes left to build and foreign keys (added NOT VALID) left to
   * validate after the commit, on tables too big to do it inside
   * (index-builder.ts); by name.
   */
  deferred: string[];
}

export interface SyncOptions {
  /**
   * The database can build indexes concurrently (PostgreSQL): on a big table
   * sync leaves them, and the validation of foreign keys, to the index
   * builder, so that the transaction holds its locks for milliseconds.
   */
  concurrent?: boolean;
  /**
   * The metadata the schema was synced to before, when known: a field unique
   * there had its values checked then, and is not read through again.
   */
  before?: EffectiveMetadata;
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
  options: SyncOptions = {},
): Promise<SyncReport> {
  await sql`select set_config('lock_timeout', ${lockTimeout}, true)`.execute(tx);
  const report: SyncReport = {
    created: [],
    added: [],
    collated: [],
    indexes: [],
    foreignKeys: [],
    deferred: [],
  };
  await ensureTextCollation(tx, schema);
  const existing = await introspect(tx, schema);
  const uncollated = await textColumnsToCollate(tx, schema);
  const userTable = sql.id(schema, userEntity.table);
  // A table this sync did not create may be in use, or have an index building: its locks are waited for politely.
  const locked = new Map<string, string>();
  const lockOnce = async (key: string, mode: "access exclusive" | "share row exclusive") => {
    const table = key === userEntity.key ? userEntity.table : key;
    if (report.created.includes(key) || locked.get(table) === "access exclusive") return;
    if (locked.get(table) === mode) return;
    await lockPolitely(tx, schema, table, mode);
    locked.set(table, mode);
  };

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

  // Tables to alter last: the lock an ALTER takes is held until the commit, and every query waits for it.
  const alters = ([key, def]: [string, EntityDefinition]) =>
    Object.entries(def.entity.fields).some(
      ([name, field]) =>
        !existing.columns.get(key)!.has(name) ||
        (refersToRecords(field) && !existing.constraints.has(indexName(key, [name], "fkey"))),
    );
  const entities = Object.entries(meta.entities).sort(
    (a, b) => Number(alters(a)) - Number(alters(b)),
  );
  for (const [key, def] of entities) {
    const table = sql.id(schema, key);
    const columns = existing.columns.get(key)!;
    const toCollate: string[] = [];
    // Indexes are built here, inside the transaction, unless the table is
    // big: then concurrently, after the commit (index-builder.ts).
    let big: boolean | undefined;
    const isBig = async () =>
      (big ??=
        !!options.concurrent && !report.created.includes(key) && (await bigTable(tx, schema, key)));
    const wanted = wantedIndexes(key, def);
    // A unique index to build on an existing column, whose values may repeat:
    // checked first, before any lock on the table is taken (the check reads
    // it all). A field unique before, its build under way, was checked then.
    const uniqueBefore = (field: string) =>
      options.before?.entities[key]?.entity.fields[field]?.unique === true;
    for (const { name, unique, field } of wanted)
      if (unique && field && columns.has(field) && !existing.indexes.has(name))
        if (!existing.invalid.has(name) && !uniqueBefore(field) && (await isBig()))
          await refuseDuplicates(tx, schema, key, field, name);
    for (const [name, field] of Object.entries(def.entity.fields)) {
      const column = getFieldType(field.type)!.sqlType(field, ctx);
      if (columns.has(name)) {
        if (column === "text" && uncollated.get(key)?.has(name)) toCollate.push(name);
        continue;
      }
      await lockOnce(key, "access exclusive");
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

    for (const index of wanted) {
      if (existing.indexes.has(index.name)) continue;
      if (await isBig()) {
        report.deferred.push(index.name);
        continue;
      }
      // Left by a concurrent build that failed or whose process stopped: useless, and in the way.
      if (existing.invalid.has(index.name))
        await sql`drop index ${sql.id(schema, index.name)}`.execute(tx);
      await createIndexSql(schema, key, index, false).execute(tx);
      existing.indexes.add(index.name);
      report.indexes.push(index.name);
    }
    for (const { name, replaces } of wanted) {
      if (!replaces || !existing.indexes.has(replaces) || !existing.indexes.has(name)) continue;
      await sql`drop index ${sql.id(schema, replaces)}`.execute(tx);
      existing.indexes.delete(replaces);
    }

    for (const [name, field] of Object.entries(def.entity.fields)) {
      if (!refersToRecords(field)) continue;
      const fk = indexName(key, [name], "fkey");
      if (existing.constraints.has(fk)) continue;
      await lockOnce(key, "share row exclusive");
      await lockOnce(field.entity!, "share row exclusive");
      const target = field.entity === userEntity.key ? userTable : sql.id(schema, field.entity!);
      // NOT VALID: checked for new rows at once, the existing ones validated after the commit.
      const deferred = await isBig();
      await sql`alter table ${table} add constraint ${sql.id(fk)} foreign key (${sql.id(name)})
        references ${target} ("id") ${onDelete(field.onDelete)} ${deferred ? sql`not valid` : sql``}`.execute(
        tx,
      );
      report.foreignKeys.push(fk);
      if (deferred) report.deferred.push(fk);
    }
  }
  return report;
}

function onDelete(rule: string | undefined): RawBuilder<unknown> {
  if (rule === "cascade") return sql`on delete cascade`;
  if (rule === "setNull") return sql`on delete set null`;
  return sql`on delete restrict`;
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
  const idx = await sql<{ name: string; valid: boolean }>`
    select c.relname as name, i.indisvalid as valid from pg_catalog.pg_index i
    join pg_catalog.pg_class c on c.oid = i.indexrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema}`.execute(
    tx,
  );
  const con = await sql<{ conname: string }>`
    select c.conname from pg_catalog.pg_constraint c
    join pg_catalog.pg_namespace n on n.oid = c.connamespace where n.nspname = ${schema}`.execute(
    tx,
  );
  return {
    columns,
    indexes: new Set(idx.rows.filter((r) => r.valid).map((r) => r.name)),
    /** Left by a concurrent build that failed or was cut short. */
    invalid: new Set(idx.rows.filter((r) => !r.valid).map((r) => r.name)),
    constraints: new Set(con.rows.map((r) => r.conname)),
  };
}
