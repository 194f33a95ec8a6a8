import {
  sql,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  WithSchemaPlugin,
  type CompiledQuery,
  type ControlledTransaction,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from "kysely";
import type { Db, DynamicTables } from "../db/database.ts";
import { tr } from "../i18n/text.ts";
import { checkStatement, QueryWallError } from "./query-wall.ts";

/** A plugin's handle on one company's tables: a Kysely whose statements pass the query wall. */
export type CompanyDb = Kysely<DynamicTables>;

interface Scope {
  readonly schema: string;
  readonly plugin: string;
  readonly migration?: boolean;
  /** Aborted when the plugin's call is over (its time up): its handle then runs nothing more. */
  readonly signal?: AbortSignal;
  /** How long one of its statements may run (PostgreSQL's `statement_timeout`). */
  readonly timeoutMs?: number;
}

/** Bounds the statements of a transaction to the plugin's time: one still running when its call ends stops by itself. */
const limitStatements = (tx: Db, scope: Scope) =>
  scope.timeoutMs === undefined
    ? Promise.resolve()
    : sql`set local statement_timeout = ${sql.lit(Math.ceil(scope.timeoutMs))}`
        .execute(tx)
        .then(() => {});

const compiler = new PostgresQueryCompiler();

/**
 * Every statement of a plugin's handle comes here compiled, whichever way it
 * was built, and runs on the engine's handle it wraps (the pool, or the
 * write's transaction) only once the wall let it through. The wrapped handle
 * is private: a plugin holding this connection cannot reach it.
 */
class WalledConnection implements DatabaseConnection {
  #target: Db;
  #transaction: ControlledTransaction<DynamicTables> | undefined;

  constructor(
    target: Db,
    private readonly scope: Scope,
    private readonly driver: WalledDriver,
  ) {
    this.#target = target;
  }

  /**
   * Runs what was checked, compiled here: a copy of the statement's tree (a
   * tree built with getters could answer the check and the compiler apart),
   * never the SQL text a caller brings along with it.
   */
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    this.scope.signal?.throwIfAborted();
    const tree = structuredClone(compiled.query);
    checkStatement(tree, this.scope);
    await this.driver.limitWrite();
    return this.#target.executeQuery<R>(compiler.compileQuery(tree, compiled.queryId));
  }

  // eslint-disable-next-line require-yield -- refuses before yielding anything
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new QueryWallError(
      this.scope.plugin,
      tr("a plugin reads pages of rows, not streams: use limit and a cursor"),
    );
  }

  async begin(): Promise<void> {
    if (this.#target.isTransaction)
      throw new QueryWallError(
        this.scope.plugin,
        tr(
          "this runs inside the record write's transaction already: write with the handle you were given",
        ),
      );
    const transaction = await this.#target.startTransaction().execute();
    this.#transaction = transaction;
    this.#target = transaction;
    // Code still running when its call ended must not keep the transaction, or its locks.
    const abandon = () => void this.end(false).catch(() => {});
    this.scope.signal?.addEventListener("abort", abandon, { once: true });
    this.#forget = () => this.scope.signal?.removeEventListener("abort", abandon);
    await limitStatements(transaction, this.scope);
  }

  #forget: () => void = () => {};

  async end(commit: boolean): Promise<void> {
    const transaction = this.#transaction;
    if (!transaction || transaction.isCommitted || transaction.isRolledBack) return;
    this.#forget();
    await (commit ? transaction.commit() : transaction.rollback()).execute();
  }
}

class WalledDriver implements Driver {
  #limited = false;

  constructor(
    private readonly target: Db,
    private readonly scope: Scope,
  ) {}
  async init() {}
  async acquireConnection() {
    return new WalledConnection(this.target, this.scope, this);
  }

  /**
   * In a write's transaction (a hook, an effect), the plugin's first
   * statement bounds the transaction's statements to its time, once.
   */
  async limitWrite(): Promise<void> {
    if (this.#limited || !this.target.isTransaction) return;
    this.#limited = true;
    await limitStatements(this.target, this.scope);
  }
  async beginTransaction(connection: DatabaseConnection) {
    await (connection as WalledConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection) {
    await (connection as WalledConnection).end(true);
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await (connection as WalledConnection).end(false);
  }
  async releaseConnection() {}
  async destroy() {}
}

/**
 * A plugin's handle on the company's schema over an engine handle (the pool,
 * or a write's transaction): unqualified tables are the company's, and a
 * statement naming another schema, calling a function that is not pure or
 * carrying SQL text is refused (query-wall.ts) before it is sent.
 *
 * @example
 * await companyDb(tx, { schema: "co_acme", plugin: "loyalty" })
 *   .updateTable("customer").set((eb) => ({ x_loyalty_points: eb("x_loyalty_points", "+", 10) }))
 *   .where("id", "=", id).execute();
 */
export function companyDb(target: Db, scope: Scope): CompanyDb {
  return new Kysely<DynamicTables>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new WalledDriver(target, scope),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [new WithSchemaPlugin(scope.schema)],
  });
}
