import {
  CompiledQuery,
  sql,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from "kysely";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db, DynamicTables } from "../db/database.ts";
import { Slot, StatementCache } from "../db/statement-cache.ts";
import type { Actor } from "../companies/actor.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { recordAlias, scopedFrom, selectPage, selectRecords, type Row } from "./record-json.ts";
import type { ListPlan, Predicate, SortKey } from "./list-plan.ts";
import { slotPlan } from "./slot-plan.ts";
import { compileQuickSearch } from "./quick-search.ts";

type Eb = ExpressionBuilder<DynamicTables, string>;

const col = (column: string) => sql.ref(`${recordAlias}.${column}`);

/**
 * A plan → Kysely. Columns come from the plan (resolved against metadata),
 * values are bound parameters; there is no other way for input to reach SQL.
 */
export function compilePredicate(p: Predicate, eb: Eb): Expression<SqlBool> {
  switch (p.kind) {
    case "and":
      return eb.and(p.items.map((i) => compilePredicate(i, eb)));
    case "or":
      return eb.or(p.items.map((i) => compilePredicate(i, eb)));
    case "not":
      // "Not x" is every record outside x, those with empty values included: SQL's
      // NOT would leave out the rows where x is unknown (NULL).
      return sql<SqlBool>`(${compilePredicate(p.item, eb)}) is not true`;
    case "true":
      return sql<SqlBool>`true`;
    case "false":
      return sql<SqlBool>`false`;
    case "compare":
      return eb(col(p.column), p.op, p.value);
    case "notEqual":
      return eb.or([eb(col(p.column), "<>", p.value), eb(col(p.column), "is", null)]);
    case "in":
      if (p.values.length === 0) return p.negate ? sql<SqlBool>`true` : sql<SqlBool>`false`;
      return p.negate
        ? eb.or([eb(col(p.column), "not in", p.values), eb(col(p.column), "is", null)])
        : eb(col(p.column), "in", p.values);
    case "overlaps": {
      const overlaps = sql<SqlBool>`${col(p.column)} && cast(${p.values} as text[])`;
      return p.negate ? eb.or([eb.not(overlaps), eb(col(p.column), "is", null)]) : overlaps;
    }
    case "search":
      return compileQuickSearch(p, eb);
    case "like":
      // Case-folding by the database's default collation, not the column's ICU one: the
      // same matches, at half the cost of ICU's folding on a full scan (ARCHITECTURE.md).
      return eb.or(p.columns.map((c) => eb(sql`${col(c)} collate "default"`, "ilike", p.pattern)));
    case "isNull":
      return eb(col(p.column), p.isNull ? "is" : "is not", null);
    case "emptyArray": {
      const empty = eb.or([
        eb(col(p.column), "is", null),
        sql<SqlBool>`cardinality(${col(p.column)}) = 0`,
      ]);
      return p.empty ? empty : eb.not(empty);
    }
    case "dayRange": {
      // Midnight of a local day, as an instant: the date at the company's timezone.
      const start = (day: string) =>
        sql`(cast(${day} as date)::timestamp at time zone ${p.timezone})`;
      const bounds: Expression<SqlBool>[] = [];
      if (p.from !== null) bounds.push(eb(col(p.column), ">=", start(p.from)));
      if (p.to !== null) bounds.push(eb(col(p.column), "<", start(p.to)));
      return bounds.length > 0 ? eb.and(bounds) : eb(col(p.column), "is not", null);
    }
  }
}

function sortBy<T>(
  query: SelectQueryBuilder<DynamicTables, string, T>,
  sort: readonly SortKey[],
): SelectQueryBuilder<DynamicTables, string, T> {
  for (const k of sort) query = query.orderBy(col(k.column), k.descending ? "desc" : "asc");
  return query;
}

const statements = new StatementCache();

/**
 * Runs a plan within the actor's scope: the page and (unless `withTotal` is
 * false) its total as two statements sent together. A
 * window count on the page query would read every matching row from the
 * table; a separate count can be answered from an index alone. Both are
 * compiled once per plan shape and metadata version.
 */
export async function runList(
  db: Db,
  company: CompanyContext,
  def: EntityDefinition,
  plan: ListPlan,
  actor: Actor,
  withTotal = true,
): Promise<{ rows: Row[]; total: number | undefined }> {
  const { key, values, page, count } = listStatements(db, company, def, plan, actor);
  const [rows, counted] = await Promise.all([
    statements.run<Row>(db, `page|${key}`, values, page),
    withTotal ? statements.run<{ total: number }>(db, `count|${key}`, values, count) : undefined,
  ]);
  return { rows, total: counted?.[0]!.total };
}

/**
 * Reads every row of a plan through one server-side cursor, `chunk` rows at a
 * time, in a read-only repeatable-read transaction: the whole read sees one
 * moment of the data, however long the reader takes, and costs one scan —
 * where pages by offset would rescan what came before. PostgreSQL only: on
 * the embedded database an open transaction would hold every other request.
 */
export async function runListCursor(
  db: Db,
  company: CompanyContext,
  def: EntityDefinition,
  plan: ListPlan,
  actor: Actor,
  chunk: number,
  each: (rows: Row[]) => Promise<void>,
): Promise<void> {
  const { key, values, page } = listStatements(db, company, def, plan, actor);
  const { sql: text, slots } = statements.compile(`page|${key}`, page);
  await db.connection().execute(async (conn) => {
    await sql`begin isolation level repeatable read read only`.execute(conn);
    try {
      await conn.executeQuery(
        CompiledQuery.raw(
          `declare list_rows no scroll cursor for ${text}`,
          slots.map((i) => values[i]),
        ),
      );
      for (;;) {
        const { rows } = await conn.executeQuery<Row>(
          CompiledQuery.raw(`fetch ${String(chunk)} from list_rows`),
        );
        if (rows.length > 0) await each(rows);
        if (rows.length < chunk) break;
      }
      await sql`commit`.execute(conn);
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    }
  });
}

/** The page and count statements of a plan for an actor, with their slot values and cache key. */
function listStatements(
  db: Db,
  company: CompanyContext,
  def: EntityDefinition,
  plan: ListPlan,
  actor: Actor,
) {
  const { shape, values, slotted } = slotPlan(plan);
  // The actor's scope is compiled into the statement with slots after the plan's own.
  const at = values.length;
  const actorSlots = {
    userId: new Slot(at),
    departmentId: new Slot(at + 1),
    departmentUsers: new Slot(at + 2),
    treeUsers: new Slot(at + 3),
    departmentLine: new Slot(at + 4),
    sharedEntities: actor.sharedEntities,
  };
  values.push(
    actor.userId,
    actor.departmentId,
    actor.departmentUsers,
    actor.treeUsers,
    actor.departmentLine,
  );
  // Shares change the statement's shape: only entities with shares test them.
  const shared = [...actor.sharedEntities].sort().join(",");
  const key = `${company.schema}.${def.entity.key}|${company.meta.hash}|${shared}|${shape}`;
  const where = (eb: Eb) => compilePredicate(slotted.where, eb);
  return {
    key,
    values,
    // Unscoped, the page is read in one pass; scoped, ids first (see selectPage).
    page: () =>
      company.policy.scope(company, def.entity.key, "read", recordAlias, actorSlots)
        ? sortBy(
            selectPage(db, company, def, actorSlots, (ids) =>
              sortBy(ids.where(where), slotted.sort).limit(slotted.limit).offset(slotted.offset),
            ),
            slotted.sort,
          )
        : sortBy(selectRecords(db, company, def, actorSlots).where(where), slotted.sort)
            .limit(slotted.limit)
            .offset(slotted.offset),
    count: () =>
      scopedFrom(db, company, def, actorSlots)
        .select(sql<number>`count(*)`.as("total"))
        .where(where),
  };
}
