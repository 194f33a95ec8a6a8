import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { throttleRules } from "../../engine/auth/login-throttle.ts";
import { argon2 } from "../../engine/companies/password.ts";
import { addLoginUser } from "../support/login-user.ts";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

const password = "burst-password-1";

/**
 * Guesses sent all at once must meet the same allowance as guesses sent one
 * after the other: the attempt is reserved before any password is hashed.
 */
describe("login throttling under concurrent guesses", () => {
  let engine: TestEngine;
  let slug: string;

  beforeAll(async () => {
    engine = await testEngine();
    ({ slug } = await testCompany(engine, "burst"));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Runs the requests at once and counts the argon2 verifications they cost. */
  async function burst(requests: (() => Promise<TestResponse>)[]) {
    const verify = vi.spyOn(argon2, "verify");
    const answers = await Promise.all(requests.map((send) => send()));
    const verified = verify.mock.calls.length;
    verify.mockRestore();
    const count = (status: number) => answers.filter((a) => a.status === status).length;
    return { answers, verified, count };
  }

  it("verifies at most 5 of 31 guesses at one account, and refuses the right one sent late", async () => {
    const username = await addLoginUser(engine, slug, password);
    const limit = throttleRules.account.failures;
    // Each guess from its own address: only the account's allowance applies.
    const clients = Array.from({ length: 31 }, () => new TestClient(engine.app));
    const { answers, verified, count } = await burst(
      clients.map(
        (client, i) => () =>
          client.post("/api/auth/login", {
            company: slug,
            username,
            password: i === clients.length - 1 ? password : `wrong-${i}-password`,
          }),
      ),
    );
    expect(verified).toBeLessThanOrEqual(limit);
    expect({ refused: count(429), wrong: count(401) }).toEqual({
      refused: clients.length - verified,
      wrong: verified,
    });
    const right = answers.at(-1)!;
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toMatch(/^[1-9][0-9]*$/);
    expect(clients.at(-1)!.cookie).toBeUndefined();
    // The account stays blocked for the right password too.
    const later = await new TestClient(engine.app).post("/api/auth/login", {
      company: slug,
      username,
      password,
    });
    expect(later.status).toBe(429);
  });

  it("verifies at most 30 guesses from one address at once, whichever accounts they name", async () => {
    const source = new TestClient(engine.app);
    const limit = throttleRules.source.failures;
    const { verified, count } = await burst(
      Array.from(
        { length: limit + 10 },
        (_, i) => () =>
          source.post("/api/auth/login", {
            company: slug,
            username: `nobody${i}_${process.pid}`,
            password,
          }),
      ),
    );
    expect(verified).toBeLessThanOrEqual(limit);
    expect({ refused: count(429), wrong: count(401) }).toEqual({
      refused: limit + 10 - verified,
      wrong: verified,
    });
  });

  it("lets a right password sent with wrong ones in only while the allowance lasts", async () => {
    const username = await addLoginUser(engine, slug, password);
    const client = new TestClient(engine.app);
    // Four wrong and the right one at once: all five fit in the allowance.
    const { count } = await burst(
      Array.from(
        { length: 5 },
        (_, i) => () =>
          new TestClient(engine.app).post("/api/auth/login", {
            company: slug,
            username,
            password: i === 4 ? password : `wrong-${i}-password`,
          }),
      ),
    );
    expect({ wrong: count(401), in: count(200) }).toEqual({ wrong: 4, in: 1 });
    // The success cleared the account's count: four more wrong ones still leave it open.
    for (let i = 0; i < 4; i++)
      expect(
        (
          await client.post("/api/auth/login", {
            company: slug,
            username,
            password: `again-${i}-password`,
          })
        ).status,
      ).toBe(401);
    await client.login(slug, username, password);
  });

  it("verifies at most 5 concurrent guesses of the current password through a session", async () => {
    const username = await addLoginUser(engine, slug, password);
    const client = new TestClient(engine.app);
    await client.login(slug, username, password);
    const change = (currentPassword: string) =>
      client.post("/api/auth/password", { currentPassword, newPassword: "next-password-1" });
    const { verified, count } = await burst(
      Array.from({ length: 20 }, (_, i) => () => change(`wrong-${i}-password`)),
    );
    expect(verified).toBeLessThanOrEqual(throttleRules.account.failures);
    expect({ refused: count(429), wrong: count(400) }).toEqual({
      refused: 20 - verified,
      wrong: verified,
    });
    expect((await change(password)).status).toBe(429);
    expect((await client.get("/api/auth/me")).status).toBe(200);
  });
});
