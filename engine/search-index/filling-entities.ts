import type { Db } from "../db/database.ts";
import { unfilledEntities } from "./search-fill-table.ts";

/** How stale a company's view of its fills may get while one is under way. */
const recheckMs = 5_000;

/**
 * The entities of one company whose search data a background job is still
 * filling, as this process last read them: read when the company is
 * loaded and, while any is filling, again at most every 5 s on the
 * company's requests, so every engine process learns within seconds that a
 * fill finished without reloading the company. A company with none costs
 * nothing. An entity only leaves: a new fill comes with a sync, which
 * loads the company anew.
 */
export class FillingEntities {
  #entities: ReadonlySet<string>;
  #readAt = Date.now();
  #reading: Promise<void> | undefined;

  constructor(entities: Iterable<string>) {
    this.#entities = new Set(entities);
  }

  has(entity: string): boolean {
    return this.#entities.has(entity);
  }

  /** Reads the fills again in the background when due; the request goes on meanwhile. */
  recheck(db: Db, schema: string): void {
    if (this.#entities.size === 0 || this.#reading || Date.now() - this.#readAt < recheckMs) return;
    this.#readAt = Date.now();
    this.#reading = unfilledEntities(db, schema)
      .then((unfilled) => {
        this.#entities = new Set([...this.#entities].filter((e) => unfilled.has(e)));
      })
      .catch((err: Error) => console.error(`search fills of ${schema}: ${err.message}`))
      .finally(() => {
        this.#reading = undefined;
      });
  }
}
