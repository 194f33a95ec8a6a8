import type { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp, routePolicies } from "../../engine/app.ts";
import type { AppEnv } from "../../engine/http/app-env.ts";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

const anId = "01a21af9-645c-70aa-b81d-09ce85a15e97";

/**
 * The middleware registered with `app.use`: the request's language, the
 * answer's compression, the body limit, the cross-site check, the gate and the
 * NUL check of query strings.
 */
const expectedMiddleware = ["ALL /*", "ALL /*", "ALL /*", "ALL /*", "ALL /api/*", "ALL /api/*"];
const isMiddleware = (r: { method: string; path: string }) =>
  r.method === "ALL" && r.path.endsWith("/*");

/** Every route Hono would dispatch to that was registered without a declared policy. */
function undeclaredRoutes(app: Hono<AppEnv>): string[] {
  const declared = new Set(routePolicies(app).map((r) => `${r.method} ${r.path}`));
  return app.routes
    .filter((r) => !isMiddleware(r))
    .map((r) => `${r.method} ${r.path}`)
    .filter((key) => !declared.has(key));
}

/** A concrete path for a declared route pattern. */
function concrete(path: string): string {
  const out = path
    .replace(/:entity\b/g, "customer")
    .replace(/:(id|share)\{[^/]*\}/g, anId)
    .replace(/:field\b/g, "name")
    .replace(/:version\{[^/]*\}/g, "1")
    .replace(/:rest\{\.\+\}/g, "export")
    .replace(/:key\b/g, "list.customer.columns")
    .replace(/:hash\b/g, "0".repeat(64));
  expect(out, `a parameter of ${path} has no substitute`).not.toMatch(/[:{}*]/);
  return out;
}

const bodyFor = (method: string) =>
  ["GET", "HEAD", "DELETE", "OPTIONS"].includes(method) ? undefined : {};

describe("every route declares its access policy", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await testEngine();
  });

  it("finds a declared policy for every route of the app", () => {
    const middleware = engine.app.routes
      .filter(isMiddleware)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(middleware).toEqual(expectedMiddleware);
    expect(routePolicies(engine.app).length).toBeGreaterThan(10);
    expect(undeclaredRoutes(engine.app)).toEqual([]);
    for (const r of routePolicies(engine.app)) {
      expect(["public", "session", "admin"]).toContain(r.policy);
    }
  });

  it("reports a route added with plain app.get/app.post", () => {
    const app = createApp(engine.deps);
    expect(undeclaredRoutes(app)).toEqual([]);
    app.get("/api/sneaky", (c) => c.json({ leaked: true }));
    app.post("/export/:entity", (c) => c.json({ leaked: true }));
    app.all("/api/anything", (c) => c.json({ leaked: true }));
    expect(undeclaredRoutes(app)).toEqual([
      "GET /api/sneaky",
      "POST /export/:entity",
      "ALL /api/anything",
    ]);
  });

  it("declares only health, login, the company picker and the UI's pages public", () => {
    const open = routePolicies(engine.app)
      .filter((r) => r.policy === "public")
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(open).toEqual([
      "GET /",
      "GET /*",
      "GET /api/auth/companies",
      "GET /api/health",
      "POST /api/auth/login",
    ]);
  });

  it("lists companies to strangers only when the installation says so", async () => {
    const anonymous = new TestClient(engine.app);
    expect((await anonymous.get("/api/auth/companies")).status).toBe(404);
    const listing = new TestClient(createApp({ ...engine.deps, listCompanies: true }));
    await testCompany(engine, "listed");
    const res = await listing.get("/api/auth/companies");
    expect(res.status).toBe(200);
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(["name", "slug"]);
    expect(res.body.items.length).toBeGreaterThan(0);
  });
});

describe("without a session", () => {
  let engine: TestEngine;
  let slug: string;
  beforeAll(async () => {
    engine = await testEngine();
    ({ slug } = await testCompany(engine, "sroutes"));
  });

  const expect401 = async (client: TestClient, method: string, path: string, body?: unknown) => {
    const res = await client.send(method, path, body);
    expect({ route: `${method} ${path}`, status: res.status, body: res.body }).toEqual({
      route: `${method} ${path}`,
      status: 401,
      body: { error: { code: "unauthenticated", message: expect.any(String), details: null } },
    });
  };

  it("answers 401 on every declared non-public route", async () => {
    const anonymous = new TestClient(engine.app);
    const guarded = routePolicies(engine.app).filter((r) => r.policy !== "public");
    expect(guarded.length).toBeGreaterThan(15);
    for (const route of guarded) {
      await expect401(anonymous, route.method, concrete(route.path), bodyFor(route.method));
    }
  });

  it("answers 401 on every declared non-public route with a forged cookie", async () => {
    const forged = new TestClient(engine.app);
    forged.cookie = `sid=${slug}.aaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`;
    for (const route of routePolicies(engine.app).filter((r) => r.policy !== "public")) {
      await expect401(forged, route.method, concrete(route.path), bodyFor(route.method));
    }
  });

  it("answers 401 on encoded, doubled, upper-case, dotted and unknown /api spellings", async () => {
    const anonymous = new TestClient(engine.app);
    const spellings = [
      "/api/%6deta",
      "/api/%6Deta",
      "/api/m%65ta/entities/customer",
      "/%61pi/meta",
      "//api/meta",
      "/api//meta",
      "/api/meta/",
      "/API/META",
      "/Api/Data/customer",
      "/api/data/%2e%2e/meta",
      "/api/data/%2E%2E/meta",
      "/api/./meta",
      "/api/data/customer/..%2f..%2fmeta",
      "/api/data/customer/%2e%2e%2f%2e%2e%2fmeta",
      "/api/data/customer/export",
      "/api/nothing",
      "/api",
      "/api/",
      "/api/%zz",
      "/api/health/../meta",
      "/api/health/%2e%2e/meta",
      "/api/auth/login/../me",
      "/api/openapi.json",
      "/api/OpenAPI.json",
    ];
    for (const path of spellings) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]) {
        const res = await anonymous.send(method, path, bodyFor(method));
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 401 });
        if (method !== "HEAD") expect(res.body?.error?.code).toBe("unauthenticated");
      }
    }
  });

  it("never lets a public route's spelling reach a guarded handler", async () => {
    const anonymous = new TestClient(engine.app);
    // Spellings that the gate could confuse with GET /api/health or POST /api/auth/login.
    for (const [method, path] of [
      ["GET", "/api/health/x"],
      ["GET", "/api/healthz"],
      ["GET", "/api/health%2f..%2fmeta"],
      ["POST", "/api/auth/login/"],
      ["GET", "/api/auth/login"],
      ["POST", "/api/auth/login%2f..%2fpassword"],
      ["POST", "/api/auth/me"],
    ] as const) {
      const res = await anonymous.send(method, path, method === "POST" ? {} : undefined);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 401 });
    }
  });

  // Public routes are public only as spelled: any other spelling is judged like a private path.
  it("answers 401, not 404, on other spellings of the public routes", async () => {
    const anonymous = new TestClient(engine.app);
    for (const [method, path] of [
      ["GET", "/API/HEALTH"],
      ["GET", "/api%2fhealth"],
      ["POST", "/API/AUTH/LOGIN"],
      ["POST", "/api/auth%2flogin"],
    ] as const) {
      const res = await anonymous.send(method, path, method === "POST" ? {} : undefined);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 401 });
    }
  });

  it("lets health and login through without a session", async () => {
    const anonymous = new TestClient(engine.app);
    const health = await anonymous.get("/api/health");
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: "ok", database: engine.deps.database.kind });
    expect((await anonymous.get("/")).status).toBe(200);
    const wrong = await anonymous.post("/api/auth/login", {
      company: slug,
      username: "admin",
      password: "wrong-password-1",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("bad_credentials");
    await anonymous.login(slug, "admin", "admin-password-1");
    expect((await anonymous.get("/api/meta")).status).toBe(200);
  });

  it("answers outside /api with the UI's page, never with a guarded route", async () => {
    const anonymous = new TestClient(engine.app);
    for (const path of ["/meta", "/data/customer", "/apix/meta", "/admin/metadata"]) {
      const res = await anonymous.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    }
  });

  it("still gates a route registered without a policy under /api", async () => {
    const app = createApp(engine.deps);
    app.get("/api/sneaky", (c) => c.json({ leaked: true }));
    const res = await new TestClient(app).get("/api/sneaky");
    expect(res.status).toBe(401);
    expect(res.text).not.toContain("leaked");
  });
});
