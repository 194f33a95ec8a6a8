import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { DynamicTables } from "../db/database.ts";
import type { SortKey } from "./list-plan.ts";
import { alwaysSet } from "./queryable-fields.ts";
import { recordAlias } from "./record-json.ts";

const col = (column: string) => sql.ref(`${recordAlias}.${column}`);

/**
 * Rows after a keyset position in the sort's order: after the cursor's
 * values, the id breaking ties. PostgreSQL sorts NULL last ascending and
 * first descending, so an empty value has its own cases. When every key is
 * a column that is never empty and all run one way, it is one row
 * comparison, which an index on those columns serves as a range.
 */
export function afterCondition(
  sort: readonly SortKey[],
  after: readonly unknown[],
  eb: ExpressionBuilder<DynamicTables, string>,
): Expression<SqlBool> {
  const columns = sort.map((k) => col(k.column));
  const [first] = sort;
  if (sort.every((k) => alwaysSet.has(k.column) && k.descending === first!.descending))
    return sql<SqlBool>`(${sql.join(columns)}) ${sql.raw(first!.descending ? "<" : ">")} (${sql.join(after)})`;
  const beyond: Expression<SqlBool>[] = [];
  const equal: Expression<SqlBool>[] = [];
  sort.forEach((k, i) => {
    const c = columns[i]!;
    const v = after[i];
    const past =
      v === null
        ? k.descending
          ? eb(c, "is not", null)
          : undefined
        : k.descending
          ? eb(c, "<", v)
          : alwaysSet.has(k.column)
            ? eb(c, ">", v)
            : eb.or([eb(c, ">", v), eb(c, "is", null)]);
    if (past) beyond.push(eb.and([...equal, past]));
    equal.push(v === null ? eb(c, "is", null) : eb(c, "=", v));
  });
  // A bound on the first key alone, which an index on it can serve as a range.
  const v = after[0];
  const lead =
    v === null
      ? first!.descending
        ? undefined
        : eb(columns[0]!, "is", null)
      : first!.descending
        ? eb(columns[0]!, "<=", v)
        : alwaysSet.has(first!.column)
          ? eb(columns[0]!, ">=", v)
          : undefined;
  const rest = eb.or(beyond);
  return lead ? eb.and([lead, rest]) : rest;
}
