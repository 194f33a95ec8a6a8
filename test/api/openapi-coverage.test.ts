import { beforeAll, describe, expect, it } from "vitest";
import { routePolicies } from "../../engine/app.ts";
import { compileRouteSchemas } from "../../engine/http/route-validator.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/**
 * A declared route as the paths of the OpenAPI document name it: `:id` (with
 * or without a pattern) becomes `{id}`; the records API's `:entity` is one
 * path per entity, so it matches any entity key.
 */
function documentedPattern(path: string): RegExp {
  const parts = path.split("/").map((part) => {
    if (!part.startsWith(":")) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const [, name] = /^:(\w+)(?:\{(.*)\})?$/.exec(part)!;
    if (name === "entity") return "(?:[a-z][a-z0-9_]*|\\{entity\\})";
    return "\\{\\w+\\}";
  });
  return new RegExp(`^${parts.join("/")}$`);
}

describe("the OpenAPI document covers the app", () => {
  let engine: TestEngine;
  let a: TestCompany;
  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "oacov");
    // A module's routes are documented for the companies that have it on: all of them here.
    const modules = (await a.admin.get("/api/admin/modules")).body.items as {
      key: string;
      on: boolean;
    }[];
    for (const { key } of modules.filter((m) => !m.on)) {
      const res = await a.admin.patch(`/api/admin/modules/${key}`, { on: true });
      expect(res.status, res.text).toBe(200);
    }
  });

  it("documents every API route the app declares, for an admin", async () => {
    const res = await a.admin.get("/api/openapi.json");
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    const missing = routePolicies(engine.app)
      .filter((route) => route.path.startsWith("/api/"))
      // The records API's catch-all only answers "no route" (404) inside /api/data.
      .filter((route) => !route.path.endsWith("/:rest{.+}"))
      .filter((route) => {
        const pattern = documentedPattern(route.path);
        const method = route.method.toLowerCase();
        return !Object.entries(paths).some(([p, ops]) => pattern.test(p) && method in ops);
      })
      .map((route) => `${route.method} ${route.path}`);
    expect(missing).toEqual([]);
  });

  it("compiles the request schemas of every declared route (each compiles on its first request)", () => {
    const declared = routePolicies(engine.app).filter((route) => route.spec);
    expect(declared.length).toBeGreaterThan(40);
    const refused = declared.flatMap((route) => {
      try {
        compileRouteSchemas(route.spec!);
        return [];
      } catch (err) {
        return [`${route.method} ${route.path}: ${(err as Error).message}`];
      }
    });
    expect(refused).toEqual([]);
  });
});
