import { Kysely, PostgresDialect } from "kysely";
import { copyFileSync, cpSync, existsSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { PGliteDialect } from "./pglite-dialect.ts";
import { preparedTexts } from "./statement-cache.ts";
import { pgTypeOids, textParsers } from "./type-parsers.ts";
import { defaultExportLimits, exportIdleTimeoutMs } from "./export-limits.ts";
import { openSchemaOwner, type SchemaOwner } from "./schema-owner.ts";
import { allowConcurrentDdl } from "./concurrent-ddl.ts";
import { projectRoot } from "../project/project-root.ts";

/**
 * Tables differ per company and per metadata version, so queries are typed
 * at the edges (system tables) and built from metadata inside.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DynamicTables = any;
export type Db = Kysely<DynamicTables>;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  readonly db: Db;
  /**
   * Where exports read, each through a cursor held while its client reads.
   * On PostgreSQL a pool of its own, so that exports can never take the
   * connections everything else needs; on PGlite the one connection (exports
   * read page by page there, holding nothing between pages).
   */
  readonly exportDb: Db;
  readonly kind: DatabaseKind;
  /** The role that owns schemas and audit trails, when `DATABASE_OWNER_URL` names one (schema-owner.ts). */
  readonly owner?: SchemaOwner;
  /**
   * Runs SQL as a library writes it (the job queue), outside Kysely; with no
   * values, `text` may hold several statements. On PostgreSQL through a pool
   * of its own (`rawPoolSize` connections), so that the library can never take
   * the connections requests need; on PGlite in its turn on the one connection.
   */
  runSql(text: string, values?: readonly unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

export type DatabaseConfig =
  | {
      kind: "postgres";
      url: string;
      poolSize?: number;
      /** Connections of the export pool: exports running at once (`ExportLimits.atOnce`). */
      exportPoolSize?: number;
      /** PostgreSQL ends an export's transaction idle this long (`exportIdleTimeoutMs`). */
      exportIdleMs?: number;
      /** A second role that owns schemas and audit trails (`DATABASE_OWNER_URL`). */
      ownerUrl?: string;
    }
  | { kind: "pglite"; dataDir: string | undefined };

/** Session settings of every connection: unqualified names fail loudly, times come back in UTC. */
const sessionSettings = { search_path: "", TimeZone: "UTC" };

/**
 * Opens the one Kysely instance of the process (PGlite folder, in memory, or a
 * PostgreSQL pool). Each driver is loaded only when used: a start never pays
 * for the other one.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === "postgres" ? openPostgres(config) : openPglite(config.dataDir);
}

async function openPostgres(
  config: Extract<DatabaseConfig, { kind: "postgres" }>,
): Promise<Database> {
  const exportLimits = {
    ...defaultExportLimits,
    atOnce: config.exportPoolSize ?? defaultExportLimits.atOnce,
  };
  const { default: driver } = await import("pg");
  const pool = postgresPool(driver, config.url, config.poolSize ?? 10, sessionSettings);
  const db = new Kysely({
    dialect: new PostgresDialect({ pool: preparing(pool) as unknown as pg.Pool }),
  });
  allowConcurrentDdl(db);
  const exportPool = postgresPool(driver, config.url, exportLimits.atOnce, {
    ...sessionSettings,
    idle_in_transaction_session_timeout: String(
      config.exportIdleMs ?? exportIdleTimeoutMs(exportLimits),
    ),
  });
  const exportDb = new Kysely({ dialect: new PostgresDialect({ pool: exportPool }) });
  const rawPool = postgresPool(driver, config.url, rawPoolSize, sessionSettings);
  const runSql = async (text: string, values?: readonly unknown[]) => {
    const result = await rawPool.query(text, values as unknown[] | undefined);
    // Several statements answer one result each: the last one is the script's.
    return Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
  };
  const close = async () => {
    await Promise.all([db.destroy(), exportDb.destroy(), rawPool.end(), owner?.db.destroy()]);
  };
  let owner: SchemaOwner | undefined;
  try {
    if (config.ownerUrl)
      owner = await openSchemaOwner(db, postgresPool(driver, config.ownerUrl, 1, sessionSettings));
  } catch (err) {
    await close();
    throw err;
  }
  return { db, exportDb, kind: "postgres", ...(owner ? { owner } : {}), runSql, close };
}

function postgresPool(
  driver: typeof pg,
  url: string,
  max: number,
  settings: Record<string, string>,
): pg.Pool {
  return new driver.Pool({
    connectionString: url,
    max,
    options: Object.entries(settings)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(" "),
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        textParsers[oid] ??
        driver.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
}

/** Connections of the pool `runSql` uses on PostgreSQL: the job queue's polling and bookkeeping. */
const rawPoolSize = 2;

/** Named statements one connection keeps: the hot ones come first, and the server's memory stays bounded. */
const maxPreparedPerConnection = 300;

/**
 * The pool as Kysely sees it, with each client running the statement cache's
 * statements (statement-cache.ts) as named prepared statements: parsed once
 * per connection, and planned once when PostgreSQL finds a generic plan as
 * good as the custom ones. Statements select named columns and sync never
 * changes a column's type, so a prepared statement's result never changes
 * shape. Kysely keys connections by client object: one wrapper per client.
 */
function preparing(pool: pg.Pool) {
  const wrappers = new WeakMap<pg.PoolClient, pg.PoolClient>();
  const wrap = (client: pg.PoolClient): pg.PoolClient => {
    const prepared = new Set<string>();
    const query = (text: unknown, values?: unknown[]) => {
      const name = typeof text === "string" ? preparedTexts.get(text) : undefined;
      if (name) {
        if (prepared.has(name) || prepared.size < maxPreparedPerConnection) {
          prepared.add(name);
          return client.query({ name, text: text as string, values: values ?? [] });
        }
      }
      return client.query(text as string, values);
    };
    return new Proxy(client, {
      get: (target, prop) => {
        if (prop === "query") return query;
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === "function"
          ? (value as (...args: unknown[]) => unknown).bind(target)
          : value;
      },
    });
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/**
 * An empty embedded database made by the build (scripts/build.js): a new
 * data folder starts as a copy of it, which takes a fraction of a second,
 * instead of PostgreSQL's initdb run in WebAssembly, which takes seconds.
 */
const pgliteTemplate = path.join(projectRoot, "dist/pglite-template");

function startFromTemplate(dataDir: string): void {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return;
  if (!existsSync(path.join(pgliteTemplate, "PG_VERSION"))) return;
  // PG_VERSION last: a copy cut short is copied again at the next start.
  const version = path.join(pgliteTemplate, "PG_VERSION");
  cpSync(pgliteTemplate, dataDir, { recursive: true, filter: (from) => from !== version });
  copyFileSync(version, path.join(dataDir, "PG_VERSION"));
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  // json values are serialised by the field type, so strings pass through unchanged.
  const jsonText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  const { PGlite } = await import("@electric-sql/pglite");
  if (dataDir !== undefined) startFromTemplate(dataDir);
  const pglite = new PGlite({
    ...(dataDir === undefined ? {} : { dataDir }),
    parsers: textParsers,
    serializers: { [pgTypeOids.json]: jsonText, [pgTypeOids.jsonb]: jsonText },
  });
  await pglite.waitReady;
  for (const [name, value] of Object.entries(sessionSettings)) {
    await pglite.query(`select set_config($1, $2, false)`, [name, value]);
  }
  const dialect = new PGliteDialect(pglite);
  const db = new Kysely({ dialect });
  const runSql = (text: string, values?: readonly unknown[]) =>
    dialect.exclusive(async (p) => {
      if (values && values.length > 0) return p.query(text, values as unknown[]);
      return (await p.exec(text)).at(-1) ?? { rows: [] };
    });
  return { db, exportDb: db, kind: "pglite", runSql, close: () => db.destroy() };
}
