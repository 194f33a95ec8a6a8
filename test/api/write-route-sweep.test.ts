import { beforeAll, describe, expect, it } from "vitest";
import { routePolicies } from "../../engine/app.ts";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * Every write route of the company's OpenAPI document, and every declared
 * write route besides (a safety net: the coverage test keeps them all in it), is
 * sent a body holding U+0000 in each of its properties, a body nested 20,000
 * levels deep, and U+0000 in each query parameter it takes, with real ids in
 * its path: none may answer 5xx, and every refusal is the API's error shape.
 */

const nul = "bad\u0000value";
const deep = `${"[".repeat(20_000)}1${"]".repeat(20_000)}`;
const writeMethods = ["post", "put", "patch", "delete"] as const;

type Doc = {
  paths: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
};

/** Follows a local `$ref` of the document. */
function resolve(doc: Doc, node: any): any {
  if (!node || typeof node !== "object" || typeof node.$ref !== "string") return node;
  const [, , kind, name] = (node.$ref as string).split("/");
  return resolve(doc, doc.components[kind!]![name!]);
}

/** The property names a request body declares, through refs and combinators. */
function bodyProperties(doc: Doc, schema: any): string[] {
  const s = resolve(doc, schema);
  if (!s || typeof s !== "object") return [];
  const own = Object.keys(s.properties ?? {});
  const nested = [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])].flatMap((x: any) =>
    bodyProperties(doc, x),
  );
  return [...new Set([...own, ...nested])];
}

interface Probe {
  method: string;
  template: string;
  properties: string[];
  query: string[];
}

let engine: TestEngine;
let admin: TestClient;
let slug: string;
let ids: Record<string, string>;
let probes: Probe[];

beforeAll(async () => {
  engine = await testEngine();
  const company = await testCompany(engine, "sweep");
  admin = company.admin;
  slug = company.slug;
  const dept = await admin.post("/api/admin/departments", { name: "Sweep" });
  const role = await admin.post("/api/admin/roles", {
    key: "sweep",
    name: "Sweep",
    permissions: {},
  });
  const userId = await addStaffUser(engine, company.slug, "sweeper", "sweeper-password-1");
  const customer = await admin.post("/api/data/customer", { name: "Sweep Ltd" });
  const share = await admin.post(`/api/data/customer/${customer.body.id as string}/shares`, {
    user: userId,
    access: "read",
  });
  expect([dept.status, role.status, customer.status, share.status]).toEqual([201, 201, 201, 201]);
  ids = {
    department: dept.body.id,
    role: role.body.id,
    user: userId,
    record: customer.body.id,
    share: share.body.id,
  };

  const doc = (await admin.get("/api/openapi.json")).body as Doc;
  const byRoute = new Map<string, Probe>();
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of writeMethods) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: any) =>
        resolve(doc, p),
      );
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      byRoute.set(`${method.toUpperCase()} ${template}`, {
        method: method.toUpperCase(),
        template,
        properties: bodyProperties(doc, schema),
        query: parameters.filter((p: any) => p.in === "query").map((p: any) => p.name as string),
      });
    }
  }
  // Declared routes the document does not describe, spelled as its templates are.
  for (const r of routePolicies(engine.app)) {
    if (!["POST", "PUT", "PATCH", "DELETE"].includes(r.method) || r.path.includes("{.+}")) continue;
    const template = r.path
      .replace(/:(\w+)\{(?:[^{}]|\{[^{}]*\})*\}/g, "{$1}")
      .replace(/:(\w+)/g, "{$1}")
      .replace("/api/data/{entity}", "/api/data/customer");
    const key = `${r.method} ${template}`;
    if (!byRoute.has(key))
      byRoute.set(key, { method: r.method, template, properties: [], query: [] });
  }
  // Deletions last, the logout very last: each would take away what later probes need.
  probes = [...byRoute.values()].sort(
    (x, y) => rank(x) - rank(y) || x.template.localeCompare(y.template),
  );
});

const rank = (p: Probe) => (p.template.endsWith("/logout") ? 2 : p.method === "DELETE" ? 1 : 0);

/** A template with real ids: which id an `{id}` takes depends on the collection it is in. */
function concrete(template: string): string {
  return template
    .replace(/\/api\/admin\/(users|roles|departments)\/\{id\}/, (_, kind: string) => {
      const id = { users: ids.user, roles: ids.role, departments: ids.department }[kind]!;
      return `/api/admin/${kind}/${id}`;
    })
    .replaceAll("{entity}", "customer")
    .replaceAll("{id}", ids.record!)
    .replaceAll("{share}", ids.share!)
    .replaceAll("{field}", "name")
    .replaceAll("{key}", "theme")
    .replaceAll("{version}", "0");
}

function expectNoServerError(res: TestResponse, what: string) {
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body?.error?.code, `${what}: ${res.text.slice(0, 300)}`).toEqual(expect.any(String));
  }
}

async function loggedIn(): Promise<TestClient> {
  const client = new TestClient(engine.app);
  await client.login(slug, "admin", "admin-password-1");
  return client;
}

describe("every write route, sent what no route can store", () => {
  it("covers the document's and the declared write routes", () => {
    const templates = probes.map((p) => `${p.method} ${p.template}`);
    for (const expected of [
      "POST /api/data/customer",
      "PATCH /api/data/customer/{id}",
      "POST /api/admin/metadata/rollback",
      "PUT /api/prefs/{key}",
      "POST /api/admin/users",
      "PATCH /api/admin/roles/{id}",
      "POST /api/auth/login",
      "DELETE /api/data/customer/{id}/shares/{share}",
    ])
      expect(templates).toContain(expected);
  });

  it("no 5xx for U+0000 in each body property, a body 20,000 deep, or U+0000 in the query", async () => {
    const shared = new TestClient(engine.app);
    shared.cookie = admin.cookie;
    for (const probe of probes) {
      // A logout ends the session it is sent with: each of its probes gets a session of its own.
      const send = async (path: string, body: unknown) => {
        const client = probe.template.endsWith("/logout") ? await loggedIn() : shared;
        return client.send(probe.method, path, body, { "if-match": '"1"' });
      };
      const path = concrete(probe.template);
      const what = `${probe.method} ${path}`;
      const names = probe.properties.length > 0 ? probe.properties : ["name", "value"];
      const withNul = Object.fromEntries(names.map((n) => [n, nul]));
      for (const [kind, body] of [
        ["U+0000 body", withNul],
        ["deep body", `{"${names[0]!}":${deep}}`],
      ] as const) {
        const res = await send(path, body);
        expectNoServerError(res, `${what} (${kind})`);
        // A route that declares a body must refuse both; one that reads none answers as usual.
        if (probe.properties.length > 0)
          expect(res.status, `${what} (${kind}): ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(
            400,
          );
      }
      for (const name of probe.query.length > 0 ? probe.query : ["q"]) {
        const res = await send(`${path}?${name}=${encodeURIComponent(nul)}`, {});
        expectNoServerError(res, `${what}?${name}=U+0000`);
        expect(res.status, `${what}?${name}: ${res.text}`).toBe(400);
      }
    }
  });
});
