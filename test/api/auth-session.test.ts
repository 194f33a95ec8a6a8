import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultSessionPolicy } from "../../engine/auth/session-policy.ts";
import { hashSecret } from "../../engine/auth/session-token.ts";
import { TestClient } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

const password = "admin-password-1";
const anId = "01a21af9-645c-70aa-b81d-09ce85a15e97";

/** Every route that needs a session, with a body where the route takes one. */
const guarded: [string, string, unknown?][] = [
  ["GET", "/api/meta"],
  ["GET", "/api/meta/entities/customer"],
  ["GET", "/api/data/customer"],
  ["GET", `/api/data/customer/${anId}`],
  ["POST", "/api/data/customer", { name: "Anonymous Co" }],
  ["PATCH", `/api/data/customer/${anId}`, { name: "Anonymous Co" }],
  ["DELETE", `/api/data/customer/${anId}`],
  ["GET", "/api/data/nosuchentity"],
  ["GET", "/api/admin/metadata"],
  ["POST", "/api/admin/entities/customer/fields", { key: "x_anon", type: "text" }],
  ["PATCH", "/api/admin/entities/customer/labels", { en: { fields: { name: "Anon" } } }],
  ["POST", "/api/admin/metadata/rollback", { version: 0 }],
  ["GET", "/api/auth/me"],
  ["POST", "/api/auth/logout"],
];

async function expectUnauthenticated(client: TestClient) {
  for (const [method, route, body] of guarded) {
    const res = await client.send(method, route, body);
    expect({
      route: `${method} ${route}`,
      status: res.status,
      code: res.body?.error?.code,
    }).toEqual({
      route: `${method} ${route}`,
      status: 401,
      code: "unauthenticated",
    });
  }
}

/** The session token parts of a client's cookie: `sid=<company>.<id>.<secret>`. */
function tokenOf(client: TestClient) {
  const [, value] = client.cookie!.split("=");
  const [company, id, secret] = value!.split(".");
  return { value: value!, company: company!, id: id!, secret: secret! };
}

describe("sessions", () => {
  let engine: TestEngine;
  let co: TestCompany;

  beforeAll(async () => {
    engine = await testEngine();
    co = await testCompany(engine, "auth");
  });

  const login = (client: TestClient, body: unknown) => client.post("/api/auth/login", body);

  it("logs in with a HttpOnly, SameSite=Lax, Path=/ cookie", async () => {
    const client = new TestClient(engine.app);
    const res = await login(client, { company: co.slug, username: "admin", password });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      company: { slug: co.slug },
      user: { username: "admin", id: expect.any(String) },
    });
    expect(res.text).not.toContain("argon2");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^sid=[a-z0-9_]+\.[a-z2-7]{24}\.[a-z2-7]{32};/);
    const attributes = cookie.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
    expect(attributes).not.toContain("secure");
    expect(attributes).toContain(`max-age=${defaultSessionPolicy.absoluteMs / 1000}`);
    expect((await client.get("/api/meta")).status).toBe(200);
  });

  it("answers a wrong password, an unknown user and an unknown company alike", async () => {
    const attempts = [
      { company: co.slug, username: "admin", password: "wrong-password-1" },
      { company: co.slug, username: "nobody", password },
      { company: "nosuchcompany", username: "admin", password },
      { company: "Not A Slug!", username: "admin", password },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const client = new TestClient(engine.app);
      const res = await login(client, attempt);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(client.cookie).toBeUndefined();
      answers.push({ status: res.status, text: res.text });
    }
    expect(answers[0]!.status).toBe(401);
    expect(JSON.parse(answers[0]!.text).error.code).toBe("bad_credentials");
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(
      (await login(new TestClient(engine.app), { company: co.slug, username: "admin" })).status,
    ).toBe(400);
  });

  it("tells the logged-in user who they are", async () => {
    const me = await co.admin.get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      user: { id: expect.any(String), username: "admin", displayName: "admin", isAdmin: true },
      company: { slug: co.slug, name: `Test ${co.slug}`, settings: expect.any(Object) },
    });
    expect(me.text).not.toMatch(/password|hash/i);
  });

  it("ends the session on logout: the old cookie gets 401 afterwards", async () => {
    const client = new TestClient(engine.app);
    await client.login(co.slug, "admin", password);
    const oldCookie = client.cookie;
    const out = await client.post("/api/auth/logout");
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^sid=;.*max-age=0/i);
    expect(client.cookie).toBeUndefined();

    const replay = new TestClient(engine.app);
    replay.cookie = oldCookie;
    expect((await replay.get("/api/auth/me")).status).toBe(401);
    expect((await replay.get("/api/meta")).status).toBe(401);
    // Other sessions of the same user live on.
    expect((await co.admin.get("/api/auth/me")).status).toBe(200);
  });

  it("answers 401 on every route but health and login without a session", async () => {
    const anonymous = new TestClient(engine.app);
    expect((await anonymous.get("/api/health")).status).toBe(200);
    await expectUnauthenticated(anonymous);
    for (const cookie of [
      "sid=garbage",
      `sid=${co.slug}.aaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`,
    ]) {
      const forged = new TestClient(engine.app);
      forged.cookie = cookie;
      expect((await forged.get("/api/meta")).status).toBe(401);
    }
  });

  it("refuses a valid session id with a wrong secret or moved to another company", async () => {
    const { company, id, secret } = tokenOf(co.admin);
    const other = await testCompany(engine, "auth");
    const wrongSecret = new TestClient(engine.app);
    wrongSecret.cookie = `sid=${company}.${id}.${secret.slice(1)}a`;
    await expectUnauthenticated(wrongSecret);
    const moved = new TestClient(engine.app);
    moved.cookie = `sid=${other.slug}.${id}.${secret}`;
    expect((await moved.get("/api/meta")).status).toBe(401);
    expect((await co.admin.get("/api/auth/me")).status).toBe(200);
  });

  it("expires a session after the inactivity limit, sliding with use", async () => {
    const timed = await testEngine(); // its own clock, so that other tests' sessions stay fresh
    const client = new TestClient(timed.app);
    await client.login(co.slug, "admin", password);
    const step = defaultSessionPolicy.inactivityMs - 60_000;
    timed.clock.advance(step);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    timed.clock.advance(step);
    expect((await client.get("/api/auth/me")).status).toBe(200);

    timed.clock.advance(defaultSessionPolicy.inactivityMs + 1000);
    expect((await client.get("/api/auth/me")).status).toBe(401);
    const { id } = tokenOf(client);
    const rows =
      await sql`select id from ${sql.id(`co_${co.slug}`, "sys_session")} where id = ${id}`.execute(
        timed.deps.database.db,
      );
    expect(rows.rows).toEqual([]);
    // A new login works on the moved clock.
    await client.login(co.slug, "admin", password);
    expect((await client.get("/api/auth/me")).status).toBe(200);
  });

  it("expires a session after its absolute lifetime however active", async () => {
    const timed = await testEngine();
    const client = new TestClient(timed.app);
    await client.login(co.slug, "admin", password);
    const step = defaultSessionPolicy.inactivityMs / 2;
    let elapsed = 0;
    while (elapsed + step <= defaultSessionPolicy.absoluteMs) {
      timed.clock.advance(step);
      elapsed += step;
      expect((await client.get("/api/auth/me")).status).toBe(200);
    }
    timed.clock.advance(step);
    expect((await client.get("/api/auth/me")).status).toBe(401);
  });

  it("stores the session secret only as a hash", async () => {
    const client = new TestClient(engine.app);
    await client.login(co.slug, "admin", password);
    const { value, id, secret } = tokenOf(client);
    const rows = (
      await sql<Record<string, unknown>>`
      select * from ${sql.id(`co_${co.slug}`, "sys_session")}`.execute(engine.deps.database.db)
    ).rows;
    const row = rows.find((r) => r.id === id)!;
    expect(row).toBeDefined();
    expect(Buffer.from(row.secret_hash as Uint8Array).equals(Buffer.from(hashSecret(secret)))).toBe(
      true,
    );
    for (const r of rows) {
      for (const [column, v] of Object.entries(r)) {
        const forms =
          v instanceof Uint8Array
            ? [
                Buffer.from(v).toString("hex"),
                Buffer.from(v).toString("utf8"),
                Buffer.from(v).toString("base64"),
              ]
            : [String(v)];
        for (const form of forms) {
          expect({ column, holds: form.includes(secret) || form.includes(value) }).toEqual({
            column,
            holds: false,
          });
        }
      }
    }
  });

  it("ends the sessions of a user who is disabled", async () => {
    const client = new TestClient(engine.app);
    await client.login(co.slug, "admin", password);
    const schema = `co_${co.slug}`;
    const db = engine.deps.database.db;
    await sql`update ${sql.id(schema, "sys_user")} set is_active = false where username = 'admin'`.execute(
      db,
    );
    try {
      expect((await client.get("/api/auth/me")).status).toBe(401);
      const res = await login(new TestClient(engine.app), {
        company: co.slug,
        username: "admin",
        password,
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("bad_credentials");
    } finally {
      await sql`update ${sql.id(schema, "sys_user")} set is_active = true where username = 'admin'`.execute(
        db,
      );
    }
  });
});
