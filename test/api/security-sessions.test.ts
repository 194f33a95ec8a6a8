import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../engine/app.ts";
import { hashPassword } from "../../engine/companies/password.ts";
import { defaultSessionPolicy } from "../../engine/auth/session-policy.ts";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

const password = "user-password-1";
let users = 0;
const hour = 60 * 60 * 1000;

describe("session hardening", () => {
  let engine: TestEngine;
  let slug: string;

  beforeAll(async () => {
    engine = await testEngine();
    ({ slug } = await testCompany(engine, "sess"));
  });

  async function newUser(): Promise<string> {
    const username = `user${++users}_${process.pid}`;
    await sql`insert into ${sql.id(`co_${slug}`, "sys_user")}
      (id, username, display_name, password_hash, is_admin, is_active)
      values (${engine.deps.newId()}, ${username}, ${username}, ${await hashPassword(password)},
        false, true)`.execute(engine.deps.database.db);
    return username;
  }

  const change = (client: TestClient, currentPassword: unknown, newPassword: unknown) =>
    client.post("/api/auth/password", { currentPassword, newPassword });

  it("refuses a wrong current password and a too short new one, changing nothing", async () => {
    const username = await newUser();
    const client = new TestClient(engine.app);
    await client.login(slug, username, password);
    const wrong = await change(client, "not-the-password", "brand-new-password");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields).toEqual([
      expect.objectContaining({ field: "currentPassword" }),
    ]);
    const short = await change(client, password, "short");
    expect(short.status).toBe(400);
    expect(short.body.error.details.fields).toEqual([
      expect.objectContaining({ field: "newPassword" }),
    ]);
    expect((await change(client, password, "x".repeat(257))).status).toBe(400);
    expect((await change(client, password, 12345678)).status).toBe(400);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    await new TestClient(engine.app).login(slug, username, password);
  });

  it("ends every session of the user on a password change but the changing client's new one", async () => {
    const username = await newUser();
    const client = new TestClient(engine.app);
    const other = new TestClient(engine.app);
    await client.login(slug, username, password);
    await other.login(slug, username, password);
    const bystander = await newUser();
    const unrelated = new TestClient(engine.app);
    await unrelated.login(slug, bystander, password);
    const before = client.cookie;

    const res = await change(client, password, "the-new-password-1");
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/^sid=[^;]+;/);
    expect(client.cookie).not.toBe(before);
    expect((await client.get("/api/auth/me")).body.user.username).toBe(username);

    expect((await other.get("/api/auth/me")).status).toBe(401);
    const stale = new TestClient(engine.app);
    stale.cookie = before;
    expect((await stale.get("/api/meta")).status).toBe(401);
    expect((await unrelated.get("/api/auth/me")).status).toBe(200);

    const old = await new TestClient(engine.app).post("/api/auth/login", {
      company: slug,
      username,
      password,
    });
    expect(old.status).toBe(401);
    await new TestClient(engine.app).login(slug, username, "the-new-password-1");
  });

  it("ends a disabled user's sessions for good: enabling again does not revive them", async () => {
    const username = await newUser();
    const client = new TestClient(engine.app);
    await client.login(slug, username, password);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    const table = sql.id(`co_${slug}`, "sys_user");
    const db = engine.deps.database.db;
    await sql`update ${table} set is_active = false where username = ${username}`.execute(db);
    expect((await client.get("/api/data/customer")).status).toBe(401);
    expect((await client.post("/api/data/customer", { name: "Disabled" })).status).toBe(401);
    await sql`update ${table} set is_active = true where username = ${username}`.execute(db);
    expect((await client.get("/api/auth/me")).status).toBe(401);
    await new TestClient(engine.app).login(slug, username, password);
  });

  it("ends a session kept busy every hour once its absolute lifetime is over", async () => {
    const timed = await testEngine(); // its own clock
    const username = await newUser();
    const client = new TestClient(timed.app);
    await client.login(slug, username, password);
    expect(hour).toBeLessThan(defaultSessionPolicy.inactivityMs);
    const hours = defaultSessionPolicy.absoluteMs / hour;
    for (let h = 1; h <= hours; h++) {
      timed.clock.advance(hour);
      const res = await client.get("/api/auth/me");
      expect({ h, status: res.status }).toEqual({ h, status: 200 });
    }
    timed.clock.advance(1);
    expect((await client.get("/api/auth/me")).status).toBe(401);
    // The login itself is not affected.
    await client.login(slug, username, password);
  });

  it("keeps a session busy every 10 s alive under a 1-minute idle limit, and ends it after a minute idle", async () => {
    const timed = await testEngine(); // its own clock
    const minute = 60_000;
    const app = createApp({
      ...timed.deps,
      sessionPolicy: { ...defaultSessionPolicy, inactivityMs: minute },
    });
    const username = await newUser();
    const client = new TestClient(app);
    await client.login(slug, username, password);
    for (let s = 10; s <= 300; s += 10) {
      timed.clock.advance(10_000);
      const res = await client.get("/api/auth/me");
      expect({ s, status: res.status }).toEqual({ s, status: 200 });
    }
    // Idle just under the limit since the last request: still open.
    timed.clock.advance(minute - 1000);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    timed.clock.advance(minute + 1);
    expect((await client.get("/api/auth/me")).status).toBe(401);
  });

  it("sets __Host-sid, Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain over HTTPS", async () => {
    const app = createApp({ ...engine.deps, secureCookies: true });
    const username = await newUser();
    const client = new TestClient(app);
    const res = await client.login(slug, username, password);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-sid=[a-z0-9_]+\.[a-z2-7]{24}\.[a-z2-7]{32};/);
    const attributes = cookie
      .split(";")
      .slice(1)
      .map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(
      expect.arrayContaining(["path=/", "httponly", "secure", "samesite=lax"]),
    );
    expect(attributes.some((a) => a.startsWith("domain"))).toBe(false);
    expect((await client.get("/api/auth/me")).status).toBe(200);

    const changed = await change(client, password, "secure-new-password");
    expect(changed.status).toBe(204);
    expect(changed.headers.get("set-cookie")).toMatch(/^__Host-sid=.+; Secure/i);
    const out = await client.post("/api/auth/logout");
    expect(out.status).toBe(204);
    const cleared = out.headers.get("set-cookie")!;
    expect(cleared).toMatch(/^__Host-sid=;/);
    expect(cleared.toLowerCase()).toContain("max-age=0");
    expect(cleared.toLowerCase()).toContain("secure");
  });

  // Over HTTPS a plain `sid` (which a sibling subdomain could set) must not open a session.
  it("accepts only __Host-sid when cookies are secure", async () => {
    const app = createApp({ ...engine.deps, secureCookies: true });
    const username = await newUser();
    const attacker = new TestClient(app);
    await attacker.login(slug, username, password);
    const tossed = new TestClient(app);
    tossed.cookie = attacker.cookie!.replace(/^__Host-sid=/, "sid=");
    expect((await tossed.get("/api/auth/me")).status).toBe(401);
  });
});
