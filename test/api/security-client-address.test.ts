import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../engine/app.ts";
import { throttleRules } from "../../engine/auth/login-throttle.ts";
import { addLoginUser } from "../support/login-user.ts";
import { TestClient } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

const password = "proxy-password-1";

/**
 * Behind trusted proxies the client is the address the outermost trusted
 * proxy appended to X-Forwarded-For; what the client wrote there itself must
 * not pick its throttle count or its line in the audit trail.
 */
describe("the client address behind reverse proxies", () => {
  let engine: TestEngine;
  let co: TestCompany;

  beforeAll(async () => {
    engine = await testEngine();
    co = await testCompany(engine, "xff");
  });

  /** Logs in through `app` with this X-Forwarded-For and returns the address the trail recorded. */
  async function recorded(app: ReturnType<typeof createApp>, forwarded: string) {
    const username = await addLoginUser(engine, co.slug, password);
    const res = await new TestClient(app).post(
      "/api/auth/login",
      { company: co.slug, username, password },
      { "x-forwarded-for": forwarded },
    );
    expect(res.status).toBe(200);
    const trail = await co.admin.get(
      `/api/admin/audit?action=login&actor=${encodeURIComponent(username)}`,
    );
    return trail.body.items.map((e: { ip: string }) => e.ip);
  }

  it("takes the entry the one trusted proxy added, not the one the client forged", async () => {
    const app = createApp({ ...engine.deps, trustProxy: 1 });
    expect(await recorded(app, "6.6.6.6, 203.0.113.7")).toEqual(["203.0.113.7"]);
    expect(await recorded(app, "203.0.113.8")).toEqual(["203.0.113.8"]);
  });

  it("counts two hops from the right behind two trusted proxies", async () => {
    const app = createApp({ ...engine.deps, trustProxy: 2 });
    expect(await recorded(app, "6.6.6.6, 203.0.113.9, 10.0.0.2")).toEqual(["203.0.113.9"]);
    // A chain shorter than configured: the first entry is the best there is.
    expect(await recorded(app, "203.0.113.10")).toEqual(["203.0.113.10"]);
  });

  it("ignores X-Forwarded-For when no proxy is trusted", async () => {
    const app = createApp({ ...engine.deps, trustProxy: 0 });
    expect(await recorded(app, "6.6.6.6")).toEqual(["local"]);
  });

  it("blocks a source whose failures each forge another first entry", async () => {
    const app = createApp({ ...engine.deps, trustProxy: 1 });
    const proxyAdded = "198.51.100.23";
    const attempt = (i: number) =>
      new TestClient(app).post(
        "/api/auth/login",
        { company: co.slug, username: `nobody${i}_${process.pid}`, password },
        { "x-forwarded-for": `10.66.${i >> 8}.${i & 255}, ${proxyAdded}` },
      );
    for (let i = 0; i < throttleRules.source.failures; i++)
      expect({ i, status: (await attempt(i)).status }).toEqual({ i, status: 401 });
    expect((await attempt(throttleRules.source.failures)).status).toBe(429);
  });
});
