import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  WithSchemaPlugin,
  type Compilable,
  type ExpressionBuilder,
} from "kysely";
import { describe, expect, it } from "vitest";
import type { DynamicTables } from "../db/database.ts";
import { checkStatement, QueryWallError } from "./query-wall.ts";

const db = new Kysely<DynamicTables>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const scoped = db.withPlugin(new WithSchemaPlugin("co_a"));
const scope = { schema: "co_a", plugin: "loyalty" };

const check = (query: Compilable, migration = false) =>
  checkStatement(query.compile().query, { ...scope, migration });
const refusal = (query: Compilable, migration = false) => {
  try {
    check(query, migration);
  } catch (err) {
    if (err instanceof QueryWallError) return err.message;
    throw err;
  }
  throw new Error("the wall let it through");
};

describe("the query wall around a plugin's statements", () => {
  it("lets queries on the company's tables through, joins, CTEs and pure functions included", () => {
    check(
      scoped
        .selectFrom("customer as c")
        .innerJoin("x_loyalty_entry as e", "e.customer", "c.id")
        .select((eb) => [
          "c.name",
          eb.fn.sum("e.points").as("points"),
          eb.fn.coalesce("c.code", eb.val("")).as("code"),
        ])
        .groupBy(["c.name", "c.code"]),
    );
    check(
      scoped
        .with("recent", (q) => q.selectFrom("x_loyalty_entry").selectAll().limit(10))
        .selectFrom("recent")
        .selectAll(),
    );
    check(
      scoped
        .updateTable("customer")
        .set((eb) => ({ points: eb("points", "+", 1) }))
        .where("id", "=", "1"),
    );
    check(scoped.insertInto("x_loyalty_entry").values({ points: 1 }));
    check(scoped.deleteFrom("x_loyalty_entry").where("id", "=", "1"));
    check(
      scoped
        .selectFrom("x_loyalty_entry")
        .selectAll()
        .orderBy("createdAt", "desc")
        .orderBy("id", (ob) => ob.asc().nullsLast()),
    );
  });

  it("refuses another company's schema, wherever it is named", () => {
    expect(refusal(scoped.selectFrom("co_b.customer").selectAll())).toMatch(/co_b\.customer/);
    expect(
      refusal(
        scoped
          .selectFrom("customer")
          .where("id", "in", (eb: ExpressionBuilder<DynamicTables, "customer">) =>
            eb.selectFrom("co_b.customer").select("id"),
          ),
      ),
    ).toMatch(/co_b\.customer/);
    expect(refusal(scoped.selectFrom("platform.company").selectAll())).toMatch(/platform\.company/);
    expect(refusal(db.selectFrom("customer").selectAll())).toMatch(/"customer" is not one of them/);
  });

  it("refuses SQL text, functions that are not pure, and statements that are not queries", () => {
    expect(refusal({ compile: () => sql`select * from co_b.customer`.compile(scoped) })).toMatch(
      /SQL text/,
    );
    expect(refusal(scoped.selectFrom("customer").select(sql`1`.as("x")))).toMatch(/SQL text/);
    expect(
      refusal(
        scoped
          .selectFrom("customer")
          .selectAll()
          .orderBy(sql`desc, (select 1)`),
      ),
    ).toMatch(/SQL text/);
    expect(
      refusal(
        scoped
          .selectFrom("customer")
          .select((eb) => eb.fn("query_to_xml", [eb.val("select 1")]).as("x")),
      ),
    ).toMatch(/query_to_xml/);
    expect(
      refusal(scoped.selectFrom("customer").select((eb) => eb.fn("set_config", []).as("x"))),
    ).toMatch(/set_config/);
    expect(refusal(scoped.schema.createTable("x_loyalty_rule").addColumn("id", "text"))).toMatch(
      /CreateTable/,
    );
  });

  it("lets a migration shape only its plugin's own tables", () => {
    check(scoped.schema.createTable("x_loyalty_rule").addColumn("id", "text"), true);
    check(scoped.schema.createIndex("x_loyalty_rule_id").on("x_loyalty_rule").column("id"), true);
    expect(refusal(scoped.schema.alterTable("customer").addColumn("x", "text"), true)).toMatch(
      /only its own tables.*customer/,
    );
    expect(refusal(scoped.schema.createTable("x_sms_log").addColumn("id", "text"), true)).toMatch(
      /x_sms_log/,
    );
    expect(refusal(scoped.schema.createSchema("co_b"), true)).toMatch(/CreateSchema/);
  });

  it("refuses nodes built by hand that would print text the builder never makes", () => {
    const node = (o: object) => ({ toOperationNode: () => o }) as never;
    const cast = scoped
      .selectFrom("customer")
      .select((eb) =>
        eb
          .cast(
            node({ kind: "ValueNode", value: 1, immediate: true }),
            node({ kind: "DataTypeNode", dataType: "int) as x from co_b.customer --" }),
          )
          .as("x"),
      );
    expect(refusal(cast)).toMatch(/DataTypeNode/);
    const operator = scoped
      .selectFrom("customer")
      .select((eb) =>
        eb(
          eb.val(1),
          node({ kind: "OperatorNode", operator: "+ (select 1 from co_b.customer) +" }),
          eb.val(1),
        ).as("z"),
      );
    expect(refusal(operator)).toMatch(/OperatorNode/);
  });

  it("refuses a CTE that would read the catalog under a name of its own", () => {
    expect(
      refusal(
        scoped
          .with("pg_stats", (q) =>
            q.selectFrom("pg_stats").select(["schemaname", "most_common_vals"]),
          )
          .selectFrom("pg_stats")
          .selectAll(),
      ),
    ).toMatch(/pg_stats/);
    expect(
      refusal(
        scoped
          .with("stats", (q) => q.selectFrom("stats").selectAll())
          .selectFrom("stats")
          .selectAll(),
      ),
    ).toMatch(/names itself/);
  });

  it("refuses a migration that moves its table away or drops with cascade", () => {
    expect(refusal(scoped.schema.alterTable("x_loyalty_rule").setSchema("co_b"), true)).toMatch(
      /AlterTableNode/,
    );
    expect(refusal(scoped.schema.dropTable("x_loyalty_rule").cascade(), true)).toMatch(
      /DropTableNode/,
    );
  });
});
