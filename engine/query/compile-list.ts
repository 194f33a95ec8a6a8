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
import type { ListPlan, Predicate, SortKey, TotalKind } from "./list-plan.ts";
import { afterCondition } from "./keyset-condition.ts";
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

/** A page as read: its rows, whether more follow, and its total as the plan asked. */
export interface ListRows {
  rows: Row[];
  more: boolean;
  total: number | null;
  totalKind: TotalKind;
}

/**
 * Runs a plan within the actor's scope: the page (one row more than asked,
 * to know whether another follows) and its total, sent together. A window
 * count on the page query would read every matching row from the table; a
 * separate count can be answered from an index alone. Every statement is
 * compiled once per plan shape and metadata version.
 */
export async function runList(
  db: Db,
  company: CompanyContext,
  def: EntityDefinition,
  plan: ListPlan,
  actor: Actor,
): Promise<ListRows> {
  const list = listStatements(db, company, def, plan, actor);
  const [rows, total] = await Promise.all([
    statements.run<Row>(db, `page|${list.key}`, list.values, list.page),
    countList(db, plan, list),
  ]);
  const more = rows.length > plan.limit;
  return { rows: more ? rows.slice(0, plan.limit) : rows, more, ...total };
}

type Statements = ReturnType<typeof listStatements>;

async function countList(
  db: Db,
  plan: ListPlan,
  list: Statements,
): Promise<Pick<ListRows, "total" | "totalKind">> {
  const count = async (kind: "count" | "capped") =>
    (
      await statements.run<{ total: number }>(db, `${kind}|${list.key}`, list.values, list[kind])
    )[0]!.total;
  switch (plan.total) {
    case "none":
      return { total: null, totalKind: "none" };
    case "exact":
      return { total: await count("count"), totalKind: "exact" };
    case "estimate":
      return { total: await estimate(db, list), totalKind: "estimate" };
    case "auto": {
      const counted = await count("capped");
      const { upTo, beyond } = plan.autoTotal;
      if (counted <= upTo) return { total: counted, totalKind: "exact" };
      if (beyond === "more") return { total: upTo, totalKind: "more" };
      // The capped count proves at least this many, whatever the planner thinks.
      return { total: Math.max(counted, await estimate(db, list)), totalKind: "estimate" };
    }
  }
}

/** The planner's estimate of the matching rows: EXPLAIN's row count of the filtered select. */
async function estimate(db: Db, list: Statements): Promise<number> {
  const [row] = await statements.run<Record<string, unknown>>(
    db,
    `estimate|${list.key}`,
    list.values,
    list.estimate,
  );
  const text = Object.values(row!)[0];
  const explained = (typeof text === "string" ? JSON.parse(text) : text) as [
    { Plan: { "Plan Rows": number } },
  ];
  return Math.round(explained[0].Plan["Plan Rows"]);
}

/**
 * Reads every row of a plan through one server-side cursor, `chunk` rows at a
 * time, at most `max`, in a read-only repeatable-read transaction: the whole
 * read sees one moment of the data, however long the reader takes, and costs
 * one scan in the sort's order. PostgreSQL only: on the embedded database an
 * open transaction would hold every other request.
 */
export async function runListCursor(
  db: Db,
  company: CompanyContext,
  def: EntityDefinition,
  plan: ListPlan,
  actor: Actor,
  chunk: number,
  max: number,
  each: (rows: Row[]) => Promise<void>,
): Promise<void> {
  const { key, values, all } = listStatements(db, company, def, plan, actor);
  const { sql: text, slots } = statements.compile(`all|${key}`, all);
  await db.connection().execute(async (conn) => {
    await sql`begin isolation level repeatable read read only`.execute(conn);
    try {
      await conn.executeQuery(
        CompiledQuery.raw(
          `declare list_rows no scroll cursor for ${text}`,
          slots.map((i) => values[i]),
        ),
      );
      for (let read = 0; read < max;) {
        const wanted = Math.min(chunk, max - read);
        const { rows } = await conn.executeQuery<Row>(
          CompiledQuery.raw(`fetch ${String(wanted)} from list_rows`),
        );
        if (rows.length > 0) await each(rows);
        if (rows.length < wanted) break;
        read += rows.length;
      }
      await sql`commit`.execute(conn);
    } catch (err) {
      await sql`rollback`.execute(conn);
      throw err;
    }
  });
}

/** The statements of a plan for an actor, with their slot values and cache key. */
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
  const matching = () => scopedFrom(db, company, def, actorSlots).where(where);
  return {
    key,
    values,
    // Ids first, from the scoped, filtered and sorted table alone (an index-only
    // scan where an index covers them), so that an offset skips index entries,
    // not rows with their titles' subqueries; then the page's rows (selectPage).
    page: () =>
      sortBy(
        selectPage(db, company, def, actorSlots, (ids) => {
          const after = slotted.after;
          const from = after ? ids.where((eb) => afterCondition(slotted.sort, after, eb)) : ids;
          const page = sortBy(from.where(where), slotted.sort).limit(sql.lit(slotted.limit + 1));
          return slotted.offset === 0 ? page : page.offset(slotted.offset);
        }),
        slotted.sort,
      ),
    // A whole list in one pass, for a cursor that reads it all (export).
    all: () => sortBy(selectRecords(db, company, def, actorSlots).where(where), slotted.sort),
    count: () => matching().select(sql<number>`count(*)`.as("total")),
    // Counts no further than one past the threshold: beyond it an estimate will do.
    capped: () =>
      db
        .selectFrom(
          matching()
            .select(sql.lit(1).as("one"))
            .limit(sql.lit(slotted.autoTotal.upTo + 1))
            .as("capped"),
        )
        .select(sql<number>`count(*)`.as("total")),
    estimate: () => ({
      compile: () =>
        sql`explain (format json) ${matching().select(sql.lit(1).as("one"))}`.compile(db),
    }),
  };
}
