import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { Text } from "../i18n/text.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { indexBuilder } from "./index-builder.ts";
import { wantedIndexes } from "./wanted-indexes.ts";

export const indexStates = ["ready", "building", "failed"] as const;
export type IndexState = (typeof indexStates)[number];

/** One index of an entity's table as its admins see it. */
export interface IndexView {
  name: string;
  /** Sort keys, `-` for descending; the id last. */
  columns: string[];
  unique: boolean;
  /** The field it serves (unique, reference or `indexed`); null for the entity's list indexes. */
  field: string | null;
  state: IndexState;
  /** While it builds on PostgreSQL: its phase and how far that phase got, in %. */
  phase: string | null;
  progress: number | null;
  /** Why its build failed. */
  error: Text | null;
}

/**
 * Each index sync wants on an entity's table and where it is: ready (valid,
 * used by lists), building (missing or not yet valid: a concurrent build
 * queued or running), or failed (its last build in this process failed).
 * A build's progress is PostgreSQL's `pg_stat_progress_create_index`.
 */
export async function entityIndexes(
  db: Db,
  schema: string,
  key: string,
  def: EntityDefinition,
): Promise<IndexView[]> {
  const { rows: present } = await sql<{ name: string; valid: boolean }>`
    select c.relname as name, i.indisvalid as valid from pg_catalog.pg_index i
    join pg_catalog.pg_class c on c.oid = i.indexrelid
    join pg_catalog.pg_class t on t.oid = i.indrelid
    join pg_catalog.pg_namespace n on n.oid = t.relnamespace
    where n.nspname = ${schema} and t.relname = ${key}`.execute(db);
  const { rows: builds } = await sql<{
    name: string;
    phase: string;
    done: string | number;
    total: string | number;
  }>`
    select c.relname as name, p.phase,
      case when p.blocks_total > 0 then p.blocks_done else p.tuples_done end as done,
      case when p.blocks_total > 0 then p.blocks_total else p.tuples_total end as total
    from pg_catalog.pg_stat_progress_create_index p
    join pg_catalog.pg_class c on c.oid = p.index_relid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema}`.execute(db);
  const valid = new Map(present.map((r) => [r.name, r.valid]));
  const builder = indexBuilder(db);
  return wantedIndexes(key, def).map((index) => {
    const build = builds.find((b) => b.name === index.name);
    const failure = valid.get(index.name) ? undefined : builder.failure(schema, index.name);
    const state: IndexState = valid.get(index.name) ? "ready" : failure ? "failed" : "building";
    return {
      name: index.name,
      columns: index.columns,
      unique: index.unique === true,
      field: index.field ?? null,
      state,
      phase: build?.phase ?? null,
      progress:
        build && Number(build.total) > 0
          ? Math.min(100, Math.round((Number(build.done) / Number(build.total)) * 100))
          : null,
      error: failure ?? null,
    };
  });
}
