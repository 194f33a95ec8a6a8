import { createHash } from "node:crypto";
import { sql, type RawBuilder } from "kysely";
import { refersToRecords } from "../fields/registry.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";

/** An index sync keeps on an entity's table. */
export interface WantedIndex {
  name: string;
  /** Sort keys: `-createdAt` is descending. */
  columns: string[];
  unique?: boolean;
  /** A list index: it carries the owner, and supersedes the index of this name. */
  replaces?: string;
  /** The field it exists for (unique, reference or `indexed`); none for the entity's own list indexes. */
  field?: string;
}

/**
 * The indexes an entity's table needs. List indexes end with the id, in the
 * last key's direction as list sorts do (plan-list.ts), so that a keyset
 * page is one range of the index and a sort needs no extra step; they carry
 * the owner, which record scopes and shares test (access/record-scope.ts),
 * so that a scoped page's ids or count come from the index alone, as an
 * unscoped one's do. Named `_keyset`; the `_cover` indexes they replace
 * (sort keys only, owner and id included) were made by sync and are dropped
 * once these exist. A field marked `indexed` gets such a list index of its
 * own, so that filtering and sorting on it reads a range of it.
 */
export function wantedIndexes(key: string, def: EntityDefinition): WantedIndex[] {
  const wanted: WantedIndex[] = [
    listIndex(key, ["-createdAt"]),
    { name: indexName(key, ["owner"]), columns: ["owner"] },
    ...(def.entity.indexes ?? []).map((cols) => listIndex(key, cols)),
  ];
  for (const [name, field] of Object.entries(def.entity.fields)) {
    if (field.unique)
      wanted.push({
        name: indexName(key, [name], "key"),
        columns: [name],
        unique: true,
        field: name,
      });
    if (refersToRecords(field))
      wanted.push({ name: indexName(key, [name]), columns: [name], field: name });
    if (field.indexed) wanted.push({ ...listIndex(key, [name]), field: name });
  }
  // A field both referring and `indexed`, or named in `indexes`, asks for one index once.
  return wanted.filter((w, i) => wanted.findIndex((o) => o.name === w.name) === i);
}

/** `create [unique] index [concurrently] name on table (…) [include (owner)]`. */
export function createIndexSql(
  schema: string,
  table: string,
  index: WantedIndex,
  concurrently: boolean,
): RawBuilder<unknown> {
  const cols = sql.join(index.columns.map(orderedColumn));
  const unique = index.unique ? sql`unique` : sql``;
  const how = concurrently ? sql`concurrently` : sql``;
  const include = index.replaces ? sql`include ("owner")` : sql``;
  return sql`create ${unique} index ${how} ${sql.id(index.name)} on ${sql.id(schema, table)} (${cols}) ${include}`;
}

/** A list index on sort keys (`["city", "-createdAt"]`), the id last in the last key's direction. */
function listIndex(table: string, keys: string[]): WantedIndex {
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

/** A readable name that stays within PostgreSQL's 63 bytes and is the same for the same columns. */
export function indexName(table: string, columns: string[], suffix = "idx"): string {
  const readable = `${table}_${columns.map((c) => c.replace(/^-/, "")).join("_")}_${suffix}`;
  if (readable.length <= 63) return readable;
  const hash = createHash("sha256").update(readable).digest("hex").slice(0, 10);
  return `${readable.slice(0, 63 - hash.length - 1)}_${hash}`;
}
