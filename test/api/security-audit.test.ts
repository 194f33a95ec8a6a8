import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/** The trigger refuses; under an owner role (audit-owner.test.ts) the grants refuse first. */
const trailRefusal = /append-only|permission denied/;

const password = "admin-password-1";

interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  user_agent: string | null;
}

describe("audit trail", () => {
  let engine: TestEngine;
  let slug: string;
  let admin: TestClient;
  let table: ReturnType<typeof sql.id>;

  const rows = async () =>
    (await sql<AuditRow>`select * from ${table} order by id`.execute(engine.deps.database.db)).rows;

  beforeAll(async () => {
    engine = await testEngine();
    ({ slug, admin } = await testCompany(engine, "audit"));
    table = sql.id(`co_${slug}`, "sys_audit");
  });

  it("records logins, failures, metadata and password changes and logouts", async () => {
    const start = (await rows()).length;
    const adminId = (await admin.get("/api/auth/me")).body.user.id as string;
    const client = new TestClient(engine.app);
    const stranger = new TestClient(engine.app);
    const ua = { "user-agent": "audit-test/1.0" };

    engine.clock.advance(1000);
    const t1 = engine.clock.now().toISOString();
    await client.send(
      "POST",
      "/api/auth/login",
      { company: slug, username: "admin", password },
      ua,
    );
    expect(client.cookie).toBeDefined();

    engine.clock.advance(1000);
    const t2 = engine.clock.now().toISOString();
    const failed = await stranger.post("/api/auth/login", {
      company: slug,
      username: "mallory",
      password: "guess-password",
    });
    expect(failed.status).toBe(401);

    engine.clock.advance(1000);
    const t3 = engine.clock.now().toISOString();
    const field = await client.post("/api/admin/entities/customer/fields", {
      key: "x_audited",
      type: "text",
      labels: { "zh-CN": "审计", en: "Audited" },
    });
    expect(field.status).toBe(201);

    engine.clock.advance(1000);
    const t4 = engine.clock.now().toISOString();
    const changed = await client.post("/api/auth/password", {
      currentPassword: password,
      newPassword: "audited-password-2",
    });
    expect(changed.status).toBe(204);

    engine.clock.advance(1000);
    const t5 = engine.clock.now().toISOString();
    expect((await client.post("/api/auth/logout")).status).toBe(204);

    const entries = (await rows()).slice(start);
    const actor = { actor_id: adminId, actor: "admin", ip: client.address };
    expect(entries).toEqual([
      expect.objectContaining({ action: "login", at: t1, ...actor, user_agent: "audit-test/1.0" }),
      expect.objectContaining({
        action: "login_failed",
        at: t2,
        actor_id: null,
        actor: null,
        target: "mallory",
        ip: stranger.address,
        detail: { reason: "unknown_user" },
      }),
      expect.objectContaining({ action: "metadata_changed", at: t3, ...actor }),
      expect.objectContaining({ action: "password_changed", at: t4, ...actor }),
      expect.objectContaining({ action: "logout", at: t5, ...actor }),
    ]);
    const meta = entries[2]!.detail as { version: number; before: any; after: any };
    expect(meta.version).toEqual(expect.any(Number));
    expect(meta.before?.entities?.customer?.fields?.x_audited).toBeUndefined();
    expect(meta.after.entities.customer.fields.x_audited).toMatchObject({ type: "text" });
    const state = sql<{ head: number }>`select head from ${sql.id(`co_${slug}`, "sys_meta_state")}`;
    expect(meta.version).toBe((await state.execute(engine.deps.database.db)).rows[0]!.head);
    // Nothing secret is written to the trail.
    const text = JSON.stringify(entries);
    for (const secret of [password, "audited-password-2", "guess-password", "argon2"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("names the reason of a failed login without telling the client", async () => {
    const start = (await rows()).length;
    const client = new TestClient(engine.app);
    const res = await client.post("/api/auth/login", {
      company: slug,
      username: "admin",
      password: "wrong-password-9",
    });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain("wrong password");
    expect((await rows()).slice(start)).toEqual([
      expect.objectContaining({
        action: "login_failed",
        target: "admin",
        ip: client.address,
        detail: { reason: "wrong_password" },
      }),
    ]);
  });

  it("refuses update, delete and truncate of the trail in the database itself", async () => {
    const db = engine.deps.database.db;
    const before = await rows();
    expect(before.length).toBeGreaterThan(0);
    const statements = [
      sql`update ${table} set actor = 'someone else'`,
      sql`update ${table} set detail = '{}'::jsonb where action = 'login'`,
      sql`delete from ${table}`,
      sql`delete from ${table} where action = 'login_failed'`,
      sql`truncate ${table}`,
    ];
    for (const statement of statements) {
      await expect(statement.execute(db)).rejects.toThrow(trailRefusal);
      // Also inside a transaction, which is then rolled back whole.
      await expect(
        db.transaction().execute(async (tx) => {
          await statement.execute(tx);
        }),
      ).rejects.toThrow(trailRefusal);
    }
    expect(await rows()).toEqual(before);
    // Appending still works.
    await new TestClient(engine.app).post("/api/auth/login", {
      company: slug,
      username: "nobody",
      password,
    });
    expect((await rows()).length).toBe(before.length + 1);
  });
});
