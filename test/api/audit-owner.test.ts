import { sql, type RawBuilder } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { protectAuditTrails } from "../../engine/audit/audit-table.ts";
import { openDatabase } from "../../engine/db/database.ts";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import { TestClient } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * With DATABASE_OWNER_URL (README "PostgreSQL roles"), the engine's own
 * database role cannot rewrite or remove the audit trail by any statement:
 * the table, its trigger function and its schema belong to a role it cannot
 * become, and it holds SELECT and INSERT on the trail only. Runs on
 * PostgreSQL when an owner URL is configured (CI configures one).
 */
const configured = testDbKind === "postgres" && !!process.env.DATABASE_OWNER_URL;

describe.skipIf(!configured)("the audit trail under an owner role", () => {
  let engine: TestEngine;
  let slug: string;

  beforeAll(async () => {
    engine = await testEngine();
    ({ slug } = await testCompany(engine, "owned"));
  });

  const count = async () =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.id(schemaOf(slug), "sys_audit")}`.execute(
        engine.deps.database.db,
      )
    ).rows[0]!.n;

  /** Each statement, run as the engine's role, must fail and leave the trail as it was. */
  async function expectRefused(statements: RawBuilder<unknown>[]) {
    const db = engine.deps.database.db;
    const before = await count();
    for (const statement of statements) {
      const compiled = statement.compile(db).sql;
      await expect(statement.execute(db), compiled).rejects.toThrow(
        /permission denied|must be owner|append-only/,
      );
    }
    expect(await count()).toBe(before);
  }

  it("lets the engine append to the trail and read it, as it must", async () => {
    const before = await count();
    await new TestClient(engine.app).post("/api/auth/login", {
      company: slug,
      username: "admin",
      password: "wrong password",
    });
    expect(await count()).toBe(before + 1);
  });

  it("refuses the engine's role UPDATE, DELETE, TRUNCATE, upserts and MERGE", async () => {
    const table = sql.id(schemaOf(slug), "sys_audit");
    await expectRefused([
      sql`update ${table} set actor = 'someone else'`,
      sql`delete from ${table}`,
      sql`truncate ${table}`,
      sql`insert into ${table} overriding system value select * from ${table}
        on conflict (id) do update set actor = 'x'`,
      sql`merge into ${table} t using (select 1::bigint as id) s on t.id = s.id
        when matched then delete`,
    ]);
  });

  it("refuses dropping or disabling the trigger, replacing its function, altering or dropping the table or the schema", async () => {
    const schema = schemaOf(slug);
    const table = sql.id(schema, "sys_audit");
    const guard = sql.id(schema, "sys_audit_append_only");
    await expectRefused([
      sql`drop trigger sys_audit_no_change on ${table}`,
      sql`alter table ${table} disable trigger all`,
      sql`alter table ${table} disable trigger sys_audit_no_truncate`,
      sql`create or replace function ${guard}() returns trigger language plpgsql as $$
        begin return old; end $$`,
      sql`drop function ${guard}() cascade`,
      sql`alter table ${table} add column "forged" text`,
      sql`alter table ${table} rename to sys_audit_old`,
      sql`alter table ${table} owner to current_user`,
      sql`drop table ${table}`,
      sql`alter schema ${sql.id(schema)} rename to ${sql.id(`${schema}_old`)}`,
      sql`drop schema ${sql.id(schema)} cascade`,
    ]);
    // A grant by a role without the right grants nothing (PostgreSQL only warns).
    await sql`grant update, delete on ${table} to public`.execute(engine.deps.database.db);
    await expectRefused([sql`update ${table} set actor = 'x'`, sql`delete from ${table}`]);
  });

  it("refuses the engine's role becoming the owner's", async () => {
    const owner = engine.deps.database.owner!;
    await expect(
      sql`set role ${sql.id(owner.role)}`.execute(engine.deps.database.db),
    ).rejects.toThrow(/permission denied/);
  });

  it("still lets the engine sync its own tables in the owner's schema: a new field, a record", async () => {
    const admin = (await testCompany(engine, "owned_sync")).admin;
    const field = await admin.post("/api/admin/entities/customer/fields", {
      key: "x_wechat",
      type: "text",
    });
    expect(field.status, field.text).toBe(201);
    const created = await admin.post("/api/data/customer", { name: "杭州恒达", x_wechat: "hd" });
    expect(created.status, created.text).toBe(201);
  });

  it("gives the owner, at start-up, the trail of a company created before it was configured", async () => {
    const database = engine.deps.database;
    const owner = database.owner!;
    const legacy = await testCompany(engine, "legacy");
    const schema = schemaOf(legacy.slug);
    // As an engine without an owner role left it: everything the engine's role's.
    const engineRole = sql.id(owner.engineRole);
    await owner.db.transaction().execute(async (tx) => {
      await sql`alter schema ${sql.id(schema)} owner to ${engineRole}`.execute(tx);
      await sql`alter table ${sql.id(schema, "sys_audit")} owner to ${engineRole}`.execute(tx);
      await sql`alter function ${sql.id(schema, "sys_audit_append_only")}() owner to ${engineRole}`.execute(
        tx,
      );
    });
    const owners = async () =>
      (
        await sql<{ schema: string; audit: string }>`
          select pg_catalog.pg_get_userbyid(n.nspowner) as schema,
            pg_catalog.pg_get_userbyid(c.relowner) as audit
          from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where n.nspname = ${schema} and c.relname = 'sys_audit'`.execute(database.db)
      ).rows[0];
    expect(await owners()).toEqual({ schema: owner.engineRole, audit: owner.engineRole });

    await protectAuditTrails(database);
    expect(await owners()).toEqual({ schema: owner.role, audit: owner.role });
    const table = sql.id(schema, "sys_audit");
    await expect(sql`delete from ${table}`.execute(database.db)).rejects.toThrow(
      /permission denied/,
    );
    // And the company works as before.
    expect((await legacy.admin.get("/api/data/customer")).status).toBe(200);
  });
});

describe.skipIf(testDbKind !== "postgres")("an owner role that would protect nothing", () => {
  it("is refused at start-up with what to change: the engine's own role as the owner", async () => {
    const url = process.env.DATABASE_URL!;
    await expect(openDatabase({ kind: "postgres", url, ownerUrl: url })).rejects.toThrow(
      /can act as .*use an owner role .* is not a member of/,
    );
  });
});
