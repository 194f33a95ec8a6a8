import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../engine/app.ts";
import { throttleRules } from "../../engine/auth/login-throttle.ts";
import { argon2 } from "../../engine/companies/password.ts";
import { PasswordQueue } from "../../engine/auth/password-queue.ts";
import { addLoginUser } from "../support/login-user.ts";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

const password = "input-password-1";

describe("login input and password hashing bounds", () => {
  let engine: TestEngine;
  let co: TestCompany;

  beforeAll(async () => {
    engine = await testEngine();
    co = await testCompany(engine, "lin");
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** The answer and how many argon2 verifications it cost. */
  async function counted(run: () => Promise<TestResponse>) {
    const verify = vi.spyOn(argon2, "verify");
    const res = await run();
    const calls = verify.mock.calls.length;
    verify.mockRestore();
    return { res, calls };
  }

  it("refuses an over-long or NUL company, username or password with 400 naming it, before any hashing", async () => {
    const username = await addLoginUser(engine, co.slug, password);
    const client = new TestClient(engine.app);
    const long = "x".repeat(2700);
    const cases: [string, Record<string, string>][] = [
      ["company", { company: long, username, password }],
      ["username", { company: co.slug, username: long, password }],
      ["password", { company: co.slug, username, password: long }],
      ["company", { company: `${co.slug}\u0000`, username, password }],
      ["username", { company: co.slug, username: `${username}\u0000`, password }],
    ];
    // More refusals than the account's allowance: none of them is counted.
    for (const [field, body] of [...cases, ...cases]) {
      const { res, calls } = await counted(() => client.post("/api/auth/login", body));
      expect({ field, status: res.status, calls }).toEqual({ field, status: 400, calls: 0 });
      expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field })]);
    }
    expect(cases.length * 2).toBeGreaterThan(throttleRules.account.failures);
    await client.login(co.slug, username, password);

    const change = await counted(() =>
      client.post("/api/auth/password", { currentPassword: long, newPassword: "next-password-1" }),
    );
    expect({ status: change.res.status, calls: change.calls }).toEqual({ status: 400, calls: 0 });
    expect(change.res.body.error.details.fields).toEqual([
      expect.objectContaining({ field: "currentPassword" }),
    ]);
  });

  it("answers 503 with Retry-After past the hashing queue, counts no refused attempt, and keeps serving", async () => {
    const narrow = createApp({
      ...engine.deps,
      passwordQueue: new PasswordQueue({ concurrency: 1, maxWaiting: 2, maxWaitMs: 10_000 }),
    });
    const usernames = await Promise.all(
      Array.from({ length: 12 }, () => addLoginUser(engine, co.slug, password)),
    );
    const verify = vi.spyOn(argon2, "verify");
    const health = new TestClient(narrow).get("/api/health");
    const answers = await Promise.all(
      usernames.map((username) =>
        new TestClient(narrow).post("/api/auth/login", {
          company: co.slug,
          username,
          password: "wrong-password-1",
        }),
      ),
    );
    const verified = verify.mock.calls.length;
    verify.mockRestore();
    expect((await health).status).toBe(200);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 401).length).toBe(verified);
    expect(busy.length + verified).toBe(usernames.length);
    for (const a of busy) {
      expect(a.body.error.code).toBe("busy");
      expect(a.headers.get("retry-after")).toMatch(/^[1-9][0-9]*$/);
    }
    // A refused attempt did not count: the account still has its whole allowance.
    const refused = usernames[answers.findIndex((a) => a.status === 503)]!;
    const client = new TestClient(narrow);
    for (let i = 1; i < throttleRules.account.failures; i++) {
      const res = await client.post("/api/auth/login", {
        company: co.slug,
        username: refused,
        password: `wrong-${i}-password`,
      });
      expect({ i, status: res.status }).toEqual({ i, status: 401 });
    }
    await client.login(co.slug, refused, password);
  });

  it("answers 500 for a stored hash argon2 cannot read, logs it, audits it and counts the attempt", async () => {
    const username = await addLoginUser(engine, co.slug, password);
    await sql`update ${sql.id(`co_${co.slug}`, "sys_user")}
      set password_hash = '$argon2id$v=19$m=19456,t=2,p=1$damaged'
      where username = ${username}`.execute(engine.deps.database.db);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const client = new TestClient(engine.app);
    const attempt = () => client.post("/api/auth/login", { company: co.slug, username, password });
    for (let i = 0; i < throttleRules.account.failures; i++) {
      const res = await attempt();
      expect({ i, status: res.status, code: res.body.error.code }).toEqual({
        i,
        status: 500,
        code: "password_check_failed",
      });
      expect(res.body.error.message).toMatch(/could not check the password/);
      expect(client.cookie).toBeUndefined();
    }
    expect(logged).toHaveBeenCalledTimes(throttleRules.account.failures);
    expect(String(logged.mock.calls[0])).toMatch(/password check failed/);
    expect((await attempt()).status).toBe(429);
    const trail = await co.admin.get(
      `/api/admin/audit?action=login_failed&target=${encodeURIComponent(username)}`,
    );
    expect(trail.body.items).toHaveLength(throttleRules.account.failures);
    expect(trail.body.items[0].detail).toEqual({ reason: "password_check_failed" });
  });
});
