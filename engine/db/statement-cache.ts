import { createHash } from "node:crypto";
import { CompiledQuery, type Compilable } from "kysely";
import type { Db } from "./database.ts";

/**
 * Stands in for a value while a statement is compiled, so that the SQL can be
 * kept and rebound. `plansByValue`: the best plan depends on the value (how
 * many rows a search token has), so the statement is planned on every run,
 * never prepared once for all values.
 */
export class Slot {
  constructor(
    readonly index: number,
    readonly plansByValue = false,
  ) {}
  toJSON() {
    return "?";
  }
}

/**
 * SQL texts of statements compiled here, with their statement names: each is
 * run thousands of times with new values, so the PostgreSQL pool prepares
 * them by name (database.ts) and the server plans them once per connection
 * instead of on every execution. The name is hashed once, here, not per run.
 */
export const preparedTexts = new Map<string, string>();

const statementName = (text: string) =>
  `s${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;

interface Statement {
  sql: string;
  slots: number[];
}

/**
 * Statements compiled once per shape and rebound with each request's values.
 * Kysely builds an immutable tree per query; on a hot path that allocation
 * costs more than running the query, so the tree is built with `Slot`s in
 * place of values, compiled once, and only the parameters change after.
 * Every parameter of the statement must come from a slot.
 */
export class StatementCache {
  readonly #statements = new Map<string, Statement>();
  constructor(private readonly capacity = 2000) {}

  compile(key: string, build: () => Compilable): Statement {
    let statement = this.#statements.get(key);
    if (!statement) {
      const compiled = build().compile();
      const given = compiled.parameters.map((p) => {
        if (!(p instanceof Slot))
          throw new Error(`statement ${key} has a parameter that is not a slot`);
        return p;
      });
      statement = { sql: compiled.sql, slots: given.map((p) => p.index) };
      if (!given.some((p) => p.plansByValue))
        preparedTexts.set(compiled.sql, statementName(compiled.sql));
      // Shapes come from requests: keep the cache bounded, dropping the oldest.
      if (this.#statements.size >= this.capacity) {
        const oldest = this.#statements.keys().next().value!;
        preparedTexts.delete(this.#statements.get(oldest)!.sql);
        this.#statements.delete(oldest);
      }
      this.#statements.set(key, statement);
    }
    return statement;
  }

  /**
   * Runs the statement of `key` with `values`; `build` (called only the first
   * time) makes the query with `new Slot(i)` standing for `values[i]`.
   */
  async run<R>(
    db: Db,
    key: string,
    values: readonly unknown[],
    build: () => Compilable<R>,
  ): Promise<R[]> {
    const { sql, slots } = this.compile(key, build);
    const result = await db.executeQuery<R>(
      CompiledQuery.raw(
        sql,
        slots.map((i) => values[i]),
      ),
    );
    return result.rows;
  }
}
