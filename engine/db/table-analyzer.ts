import { sql } from "kysely";
import type { Db } from "./database.ts";

/** A table whose planner statistics may be stale. */
export interface StaleTable {
  readonly schema: string;
  readonly table: string;
  /** Columns to analyse (just added, so without statistics); absent: every column. */
  readonly columns?: readonly string[];
  /**
   * Rows a bulk change wrote. With it the table is analysed only when they
   * are many against its size (50 + 10% of its rows: autovacuum's default
   * rule); without it, always.
   */
  readonly changedRows?: number;
}

/** Tables waiting at most: beyond it a request is dropped, and autovacuum (PostgreSQL) catches up. */
const maxPending = 100;

/** ANALYZE waits this long for a lock before giving up: behind DDL it would make the DDL's waiters wait too. */
const lockTimeout = "5s";

const merged = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) =>
  a && b ? [...new Set([...a, ...b])] : undefined;

/**
 * Runs ANALYZE after the changes that leave the planner blind — a column
 * added (no statistics: a filter on it was planned as a walk of a whole index,
 * 10.8 s on a million rows), a bulk change — in the background, after the
 * request's transaction committed, so no request waits for it. One at a
 * time per database, and a table waits at most once (requests for it merge),
 * so however many admins change fields the work stays one ANALYZE per table.
 * The embedded database has no autovacuum: these are its only statistics.
 *
 * @example
 * tableAnalyzer(db).request({ schema: "co_acme", table: "customer", columns: ["tier"] });
 */
export class TableAnalyzer {
  readonly #pending = new Map<string, StaleTable>();
  #running: Promise<void> | undefined;

  constructor(private readonly db: Db) {}

  /** Queues `stale` and returns at once. */
  request(stale: StaleTable): void {
    const key = JSON.stringify([stale.schema, stale.table]);
    const waiting = this.#pending.get(key);
    if (waiting) {
      const columns = merged(waiting.columns, stale.columns);
      const changedRows =
        waiting.changedRows !== undefined && stale.changedRows !== undefined
          ? waiting.changedRows + stale.changedRows
          : undefined;
      this.#pending.set(key, {
        schema: stale.schema,
        table: stale.table,
        ...(columns && { columns }),
        ...(changedRows !== undefined && { changedRows }),
      });
    } else if (this.#pending.size < maxPending) this.#pending.set(key, stale);
    this.#start();
  }

  /** Resolves once nothing waits or runs. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  #start(): void {
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
      // A request that came as the last ANALYZE ended found this one still running.
      if (this.#pending.size > 0) this.#start();
    });
  }

  async #drain(): Promise<void> {
    for (const [key, stale] of this.#pending) {
      this.#pending.delete(key);
      try {
        await this.#analyze(stale);
      } catch (err) {
        console.warn(
          `analyze of ${stale.schema}.${stale.table} skipped: ${(err as Error).message ?? String(err)}`,
        );
      }
    }
  }

  #analyze({ schema, table, columns, changedRows }: StaleTable): Promise<void> {
    return this.db.transaction().execute(async (tx) => {
      await sql`select set_config('lock_timeout', ${lockTimeout}, true)`.execute(tx);
      if (changedRows !== undefined) {
        const { rows } = await sql<{ reltuples: number | string }>`
          select c.reltuples::float8 as reltuples from pg_catalog.pg_class c
          join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where n.nspname = ${schema} and c.relname = ${table}`.execute(tx);
        const tuples = rows[0] && Number(rows[0].reltuples);
        // Never analysed is -1: any change is then worth statistics.
        if (tuples === undefined || (tuples >= 0 && changedRows < 50 + 0.1 * tuples)) return;
      }
      const only = columns ? sql`(${sql.join(columns.map((c) => sql.id(c)))})` : sql``;
      await sql`analyze ${sql.id(schema, table)} ${only}`.execute(tx);
    });
  }
}

const analyzers = new WeakMap<Db, TableAnalyzer>();

/** The one analyzer of a database, whichever route asks: its bound holds for the process. */
export function tableAnalyzer(db: Db): TableAnalyzer {
  let analyzer = analyzers.get(db);
  if (!analyzer) analyzers.set(db, (analyzer = new TableAnalyzer(db)));
  return analyzer;
}
