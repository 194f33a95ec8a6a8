import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { tableAnalyzer } from "../db/table-analyzer.ts";
import { tr, type Text } from "../i18n/text.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import { createIndexSql, wantedIndexes, type WantedIndex } from "./wanted-indexes.ts";

/** How long a build waits for its lock: behind another DDL its waiters would wait too. */
const lockTimeout = "5s";

/** A build cancelled by another process's change starts again this much later, after the change. */
const againAfterMs = 2000;

/** The `application_name` of a schema's build connection, by which any process finds it to cancel it. */
const buildName = (schema: string) => `index build ${schema}`.slice(0, 63);

interface Pending {
  meta: EffectiveMetadata;
  /** Wait for another process building the schema, rather than leave the work to it. */
  wait: boolean;
}

/**
 * Builds, on PostgreSQL, what sync left undone on big tables (its report's
 * `deferred`): each missing index `CREATE INDEX CONCURRENTLY`, which lets
 * every read and write go on while it runs, and each foreign key added
 * NOT VALID validated, which takes only a SHARE UPDATE EXCLUSIVE lock. It
 * works from the catalog, not from a list: an index left INVALID (a build
 * that failed, or whose process stopped) is dropped and built again, so a
 * request made at each company load finishes what any process started.
 * One schema at a time per process, on one connection; a session advisory
 * lock keeps two processes from building the same schema at once: the
 * process whose change deferred the work waits for the other, then finds
 * its work done; a company load leaves it to the process building.
 */
export class IndexBuilder {
  readonly #pending = new Map<string, Pending>();
  readonly #failures = new Map<string, Map<string, Text>>();
  /** Schemas whose tables a change is altering, by how many changes. */
  readonly #paused = new Map<string, number>();
  #running: Promise<void> | undefined;
  #current: { schema: string; build: Promise<void> } | undefined;

  constructor(private readonly db: Db) {}

  /** Queues a schema's builds for `meta` and returns at once. */
  request(schema: string, meta: EffectiveMetadata, wait = true): void {
    this.#pending.set(schema, { meta, wait: wait || this.#pending.get(schema)?.wait === true });
    this.#start();
  }

  /**
   * Holds the schema's builds while a change alters its tables: a build
   * holds its table's lock until it ends, which the change's ALTER would
   * wait for, and every list behind that. The schema's builds running in
   * any process are cancelled (their INVALID index is dropped and built
   * again: here on `resume`, elsewhere a moment later).
   */
  async pause(schema: string): Promise<void> {
    this.#paused.set(schema, (this.#paused.get(schema) ?? 0) + 1);
    await sql`select pg_catalog.pg_cancel_backend(pid) from pg_catalog.pg_stat_activity
      where datname = pg_catalog.current_database() and application_name = ${buildName(schema)}`.execute(
      this.db,
    );
    if (this.#current?.schema === schema) await this.#current.build.catch(() => {});
  }

  /** Lets the schema's builds go on once the change that paused them committed or failed. */
  resume(schema: string): void {
    const count = (this.#paused.get(schema) ?? 1) - 1;
    if (count > 0) this.#paused.set(schema, count);
    else this.#paused.delete(schema);
    this.#start();
  }

  /** Resolves once nothing waits or runs (paused schemas excepted). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Whether this process has the schema's builds queued or running. */
  busy(schema: string): boolean {
    return this.#current?.schema === schema || this.#pending.has(schema);
  }

  /** Why the last build of an index failed, while it stays failed. */
  failure(schema: string, index: string): Text | undefined {
    return this.#failures.get(schema)?.get(index);
  }

  #start(): void {
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
      // A request that came as the last build ended found this one still running.
      if ([...this.#pending.keys()].some((s) => !this.#paused.has(s))) this.#start();
    });
  }

  async #drain(): Promise<void> {
    for (;;) {
      const next = [...this.#pending].find(([schema]) => !this.#paused.has(schema));
      if (!next) return;
      const [schema, pending] = next;
      this.#pending.delete(schema);
      const current = { schema, build: this.#build(schema, pending) };
      this.#current = current;
      try {
        await current.build;
      } catch (err) {
        // Paused: built again on resume, with the metadata it was asked for unless newer came.
        if (this.#paused.has(schema)) {
          if (!this.#pending.has(schema)) this.#pending.set(schema, pending);
        } else if (["57014", "55P03"].includes((err as { code?: string }).code ?? "")) {
          setTimeout(() => this.request(schema, pending.meta, pending.wait), againAfterMs).unref();
        } else
          console.warn(
            `index builds of ${schema} stopped: ${(err as Error).message ?? String(err)}`,
          );
      } finally {
        this.#current = undefined;
      }
    }
  }

  #build(schema: string, { meta, wait }: Pending): Promise<void> {
    const paused = () => {
      if (this.#paused.has(schema)) throw new Error("paused");
    };
    return this.db.connection().execute(async (conn) => {
      await sql`select set_config('application_name', ${buildName(schema)}, false)`.execute(conn);
      try {
        if (await buildLock(conn, schema, wait))
          await this.#buildLocked(conn, schema, meta, paused);
      } finally {
        await sql`select set_config('application_name', '', false)`.execute(conn);
      }
    });
  }

  async #buildLocked(conn: Db, schema: string, meta: EffectiveMetadata, paused: () => void) {
    const failures = new Map<string, Text>();
    this.#failures.set(schema, failures);
    try {
      await sql`select set_config('lock_timeout', ${lockTimeout}, false)`.execute(conn);
      const state = await catalog(conn, schema);
      for (const [key, def] of Object.entries(meta.entities)) {
        if (!state.tables.has(key)) continue;
        const wanted = wantedIndexes(key, def);
        for (const index of wanted) {
          if (state.valid.has(index.name)) continue;
          paused();
          const failed = await buildIndex(conn, schema, key, index, state.invalid.has(index.name));
          if (failed) failures.set(index.name, failed);
          else state.valid.add(index.name);
          // A column's statistics (analyze-added-columns.ts) may have given up waiting for the build.
          if (!failed && index.field)
            tableAnalyzer(this.db).request({ schema, table: key, columns: [index.field] });
        }
        for (const { name, replaces } of wanted)
          if (replaces && state.valid.has(name) && state.valid.has(replaces))
            await sql`drop index concurrently if exists ${sql.id(schema, replaces)}`.execute(conn);
      }
      for (const { table, name } of state.unvalidated) {
        paused();
        await sql`alter table ${sql.id(schema, table)} validate constraint ${sql.id(name)}`.execute(
          conn,
        );
      }
    } finally {
      await sql`select set_config('lock_timeout', '0', false)`.execute(conn);
      await sql`select pg_catalog.pg_advisory_unlock(hashtext('index-build'), hashtext(${schema}))`.execute(
        conn,
      );
    }
  }
}

/** The schema's build lock: waited for, or else only taken when free. */
async function buildLock(conn: Db, schema: string, wait: boolean): Promise<boolean> {
  if (wait) {
    await sql`select pg_catalog.pg_advisory_lock(hashtext('index-build'), hashtext(${schema}))`.execute(
      conn,
    );
    return true;
  }
  const { rows } = await sql<{ got: boolean }>`
    select pg_catalog.pg_try_advisory_lock(hashtext('index-build'), hashtext(${schema})) as got`.execute(
    conn,
  );
  return rows[0]!.got;
}

/** Builds one index concurrently; its failure, named for the admin, with nothing left behind. */
async function buildIndex(
  conn: Db,
  schema: string,
  table: string,
  index: WantedIndex,
  invalid: boolean,
): Promise<Text | undefined> {
  const drop = sql`drop index concurrently if exists ${sql.id(schema, index.name)}`;
  if (invalid) await drop.execute(conn);
  try {
    await createIndexSql(schema, table, index, true).execute(conn);
    return undefined;
  } catch (err) {
    const { code, message } = err as { code?: string; message?: string };
    // Cancelled for a change to the table, or its lock not had in time: the next build drops what it left.
    if (code === "57014" || code === "55P03") throw err;
    // An INVALID index is still updated by every write (and a unique one refuses its duplicates).
    await drop.execute(conn);
    if (code === "23505" && index.field)
      return tr(
        'existing records share a value in field "{field}"; make the values distinct before making it unique',
        { field: index.field },
      );
    return tr("the index could not be built: {reason}", { reason: message ?? String(err) });
  }
}

async function catalog(conn: Db, schema: string) {
  const idx = await sql<{ name: string; valid: boolean }>`
    select c.relname as name, i.indisvalid as valid from pg_catalog.pg_index i
    join pg_catalog.pg_class c on c.oid = i.indexrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema}`.execute(
    conn,
  );
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind = 'r'`.execute(conn);
  const unvalidated = await sql<{ table: string; name: string }>`
    select t.relname as table, k.conname as name from pg_catalog.pg_constraint k
    join pg_catalog.pg_class t on t.oid = k.conrelid
    join pg_catalog.pg_namespace n on n.oid = t.relnamespace
    where n.nspname = ${schema} and not k.convalidated`.execute(conn);
  return {
    tables: new Set(tables.rows.map((r) => r.name)),
    valid: new Set(idx.rows.filter((r) => r.valid).map((r) => r.name)),
    invalid: new Set(idx.rows.filter((r) => !r.valid).map((r) => r.name)),
    unvalidated: unvalidated.rows,
  };
}

const builders = new WeakMap<Db, IndexBuilder>();

/** The one index builder of a database, whichever route asks. */
export function indexBuilder(db: Db): IndexBuilder {
  let builder = builders.get(db);
  if (!builder) builders.set(db, (builder = new IndexBuilder(db)));
  return builder;
}
