import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { throttleRules } from "../../engine/auth/login-throttle.ts";
import { argon2, hashPassword } from "../../engine/companies/password.ts";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

const password = "admin-password-1";
let users = 0;

describe("login throttling", () => {
  let engine: TestEngine;
  let slug: string;

  beforeAll(async () => {
    engine = await testEngine();
    ({ slug } = await testCompany(engine, "thr"));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A new user of the test company, so that each test starts with a clean account count. */
  async function newUser(): Promise<string> {
    const username = `user${++users}_${process.pid}`;
    await sql`insert into ${sql.id(`co_${slug}`, "sys_user")}
      (id, username, display_name, password_hash, is_admin, is_active)
      values (${engine.deps.newId()}, ${username}, ${username}, ${await hashPassword(password)},
        false, true)`.execute(engine.deps.database.db);
    return username;
  }

  const attempt = (client: TestClient, username: string, pw: string, company = slug) =>
    client.post("/api/auth/login", { company, username, password: pw });

  /** The login's answer and how many argon2 verifications it cost. */
  async function counted(run: () => Promise<TestResponse>) {
    const verify = vi.spyOn(argon2, "verify");
    const before = verify.mock.calls.length;
    const res = await run();
    const calls = verify.mock.calls.length - before;
    verify.mockRestore();
    return { res, calls };
  }

  function expectThrottled(res: TestResponse) {
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe("too_many_attempts");
    const retryAfter = res.headers.get("retry-after");
    expect(retryAfter).toMatch(/^[1-9][0-9]*$/);
    expect(res.headers.get("set-cookie")).toBeNull();
    return Number(retryAfter);
  }

  it("blocks an account after 5 wrong passwords, even for the right one, without hashing", async () => {
    const username = await newUser();
    const attacker = new TestClient(engine.app);
    expect(throttleRules.account.failures).toBe(5);
    for (let i = 0; i < 5; i++) {
      const { res, calls } = await counted(() => attempt(attacker, username, `wrong-${i}-pass`));
      expect({ i, status: res.status, calls }).toEqual({ i, status: 401, calls: 1 });
    }
    // The account is blocked whoever tries it, and the right password is not even checked.
    for (const client of [attacker, new TestClient(engine.app)]) {
      for (const pw of [password, "wrong-again-1"]) {
        const { res, calls } = await counted(() => attempt(client, username, pw));
        expectThrottled(res);
        expect(calls).toBe(0);
        expect(client.cookie).toBeUndefined();
      }
    }
    // Spelling the username or company differently does not get round the block.
    expectThrottled(await attempt(attacker, username.toUpperCase(), password));
    expectThrottled(await attempt(attacker, username, password, ` ${slug.toUpperCase()} `));
    // Another account of the company, from another address, still logs in.
    const other = await newUser();
    await new TestClient(engine.app).login(slug, other, password);
  });

  it("lets the right password in after Retry-After, which resets the count", async () => {
    const timed = await testEngine(); // its own clock
    const username = await newUser();
    const client = new TestClient(timed.app);
    for (let i = 0; i < 5; i++)
      expect((await attempt(client, username, "wrong-pass-1")).status).toBe(401);
    const wait = expectThrottled(await attempt(client, username, password));
    expect(wait).toBe(throttleRules.account.firstBlockMs / 1000);
    timed.clock.advance(wait * 1000 - 1000);
    expectThrottled(await attempt(client, username, password));
    timed.clock.advance(1001);
    await client.login(slug, username, password);
    expect((await client.get("/api/auth/me")).body.user.username).toBe(username);
    // Reset: four more failures are allowed before the fifth blocks again.
    const again = new TestClient(timed.app);
    for (let i = 0; i < 4; i++)
      expect((await attempt(again, username, "wrong-pass-2")).status).toBe(401);
    await again.login(slug, username, password);
  });

  it("doubles the block when failures go on after it ends", async () => {
    const timed = await testEngine();
    const username = await newUser();
    const client = new TestClient(timed.app);
    for (let i = 0; i < 5; i++) await attempt(client, username, "wrong-pass-1");
    const first = expectThrottled(await attempt(client, username, "wrong-pass-1"));
    timed.clock.advance(first * 1000 + 1);
    expect((await attempt(client, username, "wrong-pass-1")).status).toBe(401);
    const second = expectThrottled(await attempt(client, username, password));
    expect(second).toBe(first * 2);
  });

  it("blocks a source address after 30 failures on any accounts, not other addresses", async () => {
    const source = new TestClient(engine.app);
    expect(throttleRules.source.failures).toBe(30);
    for (let i = 0; i < 30; i++) {
      const res = await attempt(source, `nobody${i}_${process.pid}_${users}`, password);
      expect({ i, status: res.status }).toEqual({ i, status: 401 });
    }
    const target = await newUser();
    const { res, calls } = await counted(() => attempt(source, target, password));
    expectThrottled(res);
    expect(calls).toBe(0);
    expectThrottled(await attempt(source, "admin", password, "nosuchcompany"));
    // The same accounts from another address are fine.
    await new TestClient(engine.app).login(slug, target, password);
    // A success elsewhere does not unblock the source.
    expectThrottled(await attempt(source, target, password));
  });

  it("gives an unknown user and a wrong password the same path and cost", async () => {
    const username = await newUser();
    const answers = [];
    for (const body of [
      { username, pw: "wrong-pass-1" },
      { username: `ghost_${process.pid}_${users}`, pw: password },
    ]) {
      const { res, calls } = await counted(() =>
        attempt(new TestClient(engine.app), body.username, body.pw),
      );
      answers.push({ status: res.status, text: res.text, calls });
    }
    expect(answers[0]).toEqual({ status: 401, text: expect.any(String), calls: 1 });
    expect(answers[1]).toEqual(answers[0]);
    // An unknown user's failures count against that name like a real account's.
    const ghost = `ghost2_${process.pid}_${users}`;
    const client = new TestClient(engine.app);
    for (let i = 0; i < 5; i++) await attempt(client, ghost, password);
    expectThrottled(await attempt(client, ghost, password));
  });

  // A stolen session must not allow guessing the password faster than login does.
  it("throttles password-change guesses like login guesses", async () => {
    const username = await newUser();
    const client = new TestClient(engine.app);
    await client.login(slug, username, password);
    const change = (current: string) =>
      client.post("/api/auth/password", { currentPassword: current, newPassword: "next-pass-1" });
    for (let i = 0; i < 5; i++) expect((await change(`wrong-${i}-pass`)).status).toBe(400);
    const { res, calls } = await counted(() => change("wrong-6-pass"));
    expect({ status: res.status, calls }).toEqual({ status: 429, calls: 0 });
  });
});
