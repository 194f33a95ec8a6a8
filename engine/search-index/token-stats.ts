import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { searchColumns } from "./search-data.ts";

/** PostgreSQL's share for a token its statistics do not list (DEFAULT_CONTAIN_SEL). */
const unlistedShare = 0.005;

/** How old a company's token statistics may get: ANALYZE changes them seldom. */
const rereadMs = 60_000;

interface EntityTokens {
  /** Each common token's share of the rows, as ANALYZE sampled it. */
  readonly shares: ReadonlyMap<string, number>;
  /** A token not listed: rarer than any listed, as PostgreSQL itself takes it (array_selfuncs.c). */
  readonly floor: number;
}

/** How common a term's tokens are in an entity's rows: what quick search asks of TokenStats. */
export interface TokenShares {
  share(entity: string, tokens: readonly string[]): number | undefined;
}

/**
 * How common each search token is in a company's entities, from the
 * planner's own statistics of the `_search` column (`pg_stats`:
 * `most_common_elems` and their frequencies): read when first asked, in the
 * background, and again at most every minute. Quick search asks it whether
 * a term is common (search-plan in quick-search.ts): a token in a few
 * percent of the rows is found sooner by reading the list's own order and
 * testing each row than through the token index, which must first gather
 * every row that has it.
 */
export class TokenStats implements TokenShares {
  #byEntity: ReadonlyMap<string, EntityTokens> = new Map();
  #readAt = -Infinity;
  #reading: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly schema: string,
  ) {}

  /**
   * The share of the entity's rows estimated to hold every token (taken as
   * independent), or undefined while nothing is known: then the index is used.
   */
  share(entity: string, tokens: readonly string[]): number | undefined {
    this.#refresh();
    const known = this.#byEntity.get(entity);
    if (!known || tokens.length === 0) return undefined;
    return tokens.reduce((share, t) => share * (known.shares.get(t) ?? known.floor), 1);
  }

  /** Reads the statistics when due, in the background; the request goes on with what is known. */
  #refresh(): void {
    if (this.#reading || Date.now() - this.#readAt < rereadMs) return;
    this.#readAt = Date.now();
    this.#reading = this.read()
      .catch((err: Error) => console.error(`search statistics of ${this.schema}: ${err.message}`))
      .finally(() => {
        this.#reading = undefined;
      });
  }

  /** Reads every entity's statistics now. */
  async read(): Promise<void> {
    const { rows } = await sql<{ table: string; tokens: string[] | null; shares: number[] | null }>`
      select tablename as "table", most_common_elems::text::text[] as tokens,
        most_common_elem_freqs::float8[] as shares
      from pg_catalog.pg_stats
      where schemaname = ${this.schema} and attname = ${searchColumns.grams}`.execute(this.db);
    const byEntity = new Map<string, EntityTokens>();
    for (const { table, tokens, shares } of rows) {
      if (!tokens || !shares) continue;
      // After the tokens' shares come the least and the greatest of them, and the nulls' share.
      const listed = shares.slice(0, tokens.length).map(Number);
      const least = Number(shares[tokens.length] ?? Math.min(...listed));
      byEntity.set(table, {
        shares: new Map(tokens.map((t, i) => [t, listed[i]!])),
        floor: Math.min(unlistedShare, least / 2),
      });
    }
    this.#byEntity = byEntity;
  }
}
