import {
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
}

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
  ) {
    this.#target = target;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    checkStatement(compiled.query, this.scope);
    return this.#target.executeQuery<R>(compiled);
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
    this.#transaction = await this.#target.startTransaction().execute();
    this.#target = this.#transaction;
  }

  async end(commit: boolean): Promise<void> {
    const transaction = this.#transaction!;
    await (commit ? transaction.commit() : transaction.rollback()).execute();
  }
}

class WalledDriver implements Driver {
  constructor(
    private readonly target: Db,
    private readonly scope: Scope,
  ) {}
  async init() {}
  async acquireConnection() {
    return new WalledConnection(this.target, this.scope);
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
