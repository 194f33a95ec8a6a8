import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { DynamicTables } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import { containsNul } from "../http/contains-nul.ts";
import { tr } from "../i18n/text.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { searchColumns } from "../search-index/search-data.ts";
import { termGrams } from "../search-index/search-grams.ts";
import { escapeLike } from "./escape-like.ts";
import { limitExceeded, listLimits } from "./list-limits.ts";
import type { Predicate, QuickSearch } from "./list-plan.ts";
import { queryableField } from "./queryable-fields.ts";
import { recordAlias } from "./record-json.ts";

const han = /\p{Script=Han}/u;

/**
 * From this share of the rows up, a term is common: reading the list in its
 * order and testing each row finds a page, and counts to the cap, sooner
 * than the token index, which first gathers every row holding the term
 * (bench/README.md: 恒达 in 10% of 1,000,000 rows, a 48 ms count through the
 * index against a few ms without).
 */
export const commonTermShare = 0.03;

/** What a quick search's plan depends on besides the term. */
export interface SearchPath {
  /** The entity's search data is being filled: rows not yet filled have no tokens. */
  readonly filling: boolean;
  /** The estimated share of the rows that hold all these tokens, when known (token-stats.ts). */
  readonly share: (tokens: readonly string[]) => number | undefined;
}

/**
 * `q` → a predicate: records one of whose visible search fields contains
 * the term, case-insensitively, or whose pinyin does (`bjhd` and
 * `beijinghengda` find 北京恒达). The engine's token index narrows the rows
 * first (search-grams.ts); ILIKE on the fields decides. ILIKE alone decides
 * while the entity's search data is being filled (rows not yet filled have
 * no tokens), and for a common term (`commonTermShare`), whose rows come
 * soon enough in the list's own order.
 */
export function planQuickSearch(
  def: EntityDefinition,
  q: string | undefined,
  path: SearchPath,
): Predicate | undefined {
  const term = q?.trim();
  if (!term) return undefined;
  if (containsNul(term))
    throw new ApiError(400, "bad_request", tr("q cannot contain the character U+0000"), {
      q: "U+0000",
    });
  if (term.length > listLimits.text)
    throw limitExceeded("text", tr("q is longer than {max} characters", { max: listLimits.text }));
  const columns = (def.entity.search ?? []).filter((f) => queryableField(def, f));
  // An entity without search fields finds nothing rather than everything.
  if (columns.length === 0) return { kind: "false" };
  const grams = termGrams(term);
  return {
    kind: "search",
    columns,
    grams: grams.length > 0 && !path.filling && !isCommon(grams, path) ? grams : null,
    pattern: `%${escapeLike(term)}%`,
    pinyin: !han.test(term),
  };
}

const isCommon = (grams: readonly string[], path: SearchPath) =>
  (path.share(grams) ?? 0) >= commonTermShare;

const col = (column: string) => sql.ref(`${recordAlias}.${column}`);

/**
 * The predicate in SQL. Case is folded by the database's default collation,
 * not the columns' ICU one: the same matches at half the cost (ARCHITECTURE.md).
 */
export function compileQuickSearch(
  p: QuickSearch,
  eb: ExpressionBuilder<DynamicTables, string>,
): Expression<SqlBool> {
  const like = (value: Expression<unknown>) =>
    eb(sql`${value} collate "default"`, "ilike", p.pattern);
  const matches = p.columns.flatMap((c) => [
    like(col(c)),
    ...(p.pinyin ? [like(sql`${col(searchColumns.pinyin)} ->> ${sql.lit(c)}`)] : []),
  ]);
  if (p.grams === null) return eb.or(matches);
  const indexed = sql<SqlBool>`${col(searchColumns.grams)} @> cast(${p.grams} as text[]) collate "C"`;
  return eb.and([indexed, eb.or(matches)]);
}
