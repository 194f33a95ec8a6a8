import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import type { Db } from "../../engine/db/database.ts";
import { tableAnalyzer } from "../../engine/db/table-analyzer.ts";
import { addStaffUser } from "../support/staff-user.ts";
import { testDbKind } from "../support/test-database.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/**
 * The planner's statistics follow the changes that would leave it blind: a
 * column added through the admin API, a batch that rewrote many rows. The
 * ANALYZE runs in the background once the request is answered; the tests
 * wait for it to finish and read what PostgreSQL recorded.
 */

const rows = 120;

let engine: TestEngine;
let a: TestCompany;
let db: Db;
let schema: string;

/** What pg_stats holds of a column: nothing until it was analysed. */
async function columnStats(table: string, column: string) {
  const { rows: found } = await sql<{ null_frac: number; common: string | null }>`
    select null_frac, most_common_vals::text as common from pg_catalog.pg_stats
    where schemaname = ${schema} and tablename = ${table} and attname = ${column}`.execute(db);
  return found[0];
}

async function reltuples(table: string): Promise<number> {
  const { rows: found } = await sql<{ n: number }>`
    select c.reltuples::float8 as n from pg_catalog.pg_class c
    join pg_catalog.pg_namespace s on s.oid = c.relnamespace
    where s.nspname = ${schema} and c.relname = ${table}`.execute(db);
  return Number(found[0]!.n);
}

const analysed = () => tableAnalyzer(db).idle();

beforeAll(async () => {
  engine = await testEngine();
  a = await testCompany(engine, "stat");
  db = engine.deps.database.db;
  schema = schemaOf(a.slug);
  const adminId = (await a.admin.get("/api/auth/me")).body.user.id as string;
  const customer = sql.id(schema, "customer");
  // Only the engine's ANALYZE, not autovacuum's, may explain what the tests read.
  if (testDbKind === "postgres")
    await sql`alter table ${customer} set (autovacuum_enabled = false)`.execute(db);
  await sql`insert into ${customer}
      ("id", "version", "owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "name", "city")
    select gen_random_uuid(), 1, ${adminId}, ${adminId}, ${adminId}, now(), now(),
      'Customer ' || i, case when i % 2 = 0 then '杭州' else '北京' end
    from generate_series(1, ${rows}) as i`.execute(db);
});

describe("table statistics", () => {
  it("cover a field as soon as the admin API added its column", async () => {
    expect(await columnStats("customer", "x_tier")).toBeUndefined();
    const added = await a.admin.post("/api/admin/entities/customer/fields", {
      key: "x_tier",
      type: "text",
      maxLength: 20,
      labels: { "zh-CN": "等级", en: "Tier" },
    });
    expect(added.status).toBe(201);
    await analysed();
    expect(await columnStats("customer", "x_tier")).toMatchObject({ null_frac: 1 });
    expect(await reltuples("customer")).toBe(rows);
    // Only the new column was asked for: the others keep what they had (nothing yet).
    expect(await columnStats("customer", "city")).toBeUndefined();
  });

  it("cover every field added by admins at the same time", async () => {
    if (testDbKind !== "postgres") return;
    const keys = ["x_a", "x_b", "x_c", "x_d"];
    const answers = await Promise.all(
      keys.map((key) =>
        a.admin.post("/api/admin/entities/customer/fields", {
          key,
          type: "integer",
          labels: { "zh-CN": key, en: key },
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(keys.map(() => 201));
    await analysed();
    for (const key of keys) expect(await columnStats("customer", key), key).toBeDefined();
  });

  it("follow a batch that changed many rows, not one that changed a few", async () => {
    const password = "staff-password-1";
    const few = await addStaffUser(engine, a.slug, "few", password);
    const many = await addStaffUser(engine, a.slug, "many", password);
    const ids = (
      (await a.admin.get(`/api/data/customer?limit=100&sort=name`)).body.items as {
        id: string;
      }[]
    ).map((r) => r.id);
    const assign = async (owner: string, to: string[]) => {
      const res = await a.admin.post("/api/data/customer/batch", {
        action: "assign",
        ids: to,
        owner,
        related: false,
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.done).toBe(to.length);
    };

    // 5 of 120 rows: under autovacuum's 50 + 10%, so no ANALYZE and the owner is not in the statistics.
    await assign(few, ids.slice(0, 5));
    await analysed();
    expect((await columnStats("customer", "owner"))?.common ?? "").not.toContain(few);

    // 70 of 120: over it. Every owner of so small a table is among the most common values.
    await assign(many, ids.slice(5, 75));
    await analysed();
    const owners = (await columnStats("customer", "owner"))?.common ?? "";
    expect(owners).toContain(many);
    expect(owners).toContain(few);
  });
});
