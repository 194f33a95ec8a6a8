import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";
import { allActions, expectStatus, OrgFixture } from "../support/org-fixture.ts";

/**
 * Modules and entities a user's roles do not open are gone from their
 * metadata, menus and OpenAPI document, and answer 403 (an entity that does
 * not exist stays 404); actions not granted answer 403 naming them.
 */

const reads = { actions: ["read"], scope: "all" };
const crmCustomer = { modules: ["crm"], entities: { customer: reads } };
const salesProduct = { modules: ["sales"], entities: { product: reads } };
const product = { code: "P-MOD-1", name: "Module test product" };

describe("permissions: modules, entities and actions", () => {
  let org: OrgFixture;
  let crmOnly: TestClient;
  let nobody: TestClient;
  let both: TestClient;
  let customerId: string;
  let contactId: string;
  let productId: string;
  const actionUsers = new Map<string, TestClient>();

  beforeAll(async () => {
    const engine = await testEngine();
    org = new OrgFixture(engine, await testCompany(engine, "pmod"));
    const crm = await org.role("crm_customer", crmCustomer);
    const sales = await org.role("sales_product", salesProduct);
    crmOnly = (await org.user("crm_only", { roles: [crm] })).client;
    nobody = (await org.user("nobody")).client;
    both = (await org.user("both", { roles: [crm, sales] })).client;
    for (const [key, actions] of Object.entries({
      reader: ["read"],
      creator: ["read", "create"],
      updater: ["read", "update"],
      deleter: ["read", "delete"],
    })) {
      const role = await org.role(`acts_${key}`, {
        modules: ["crm"],
        entities: { customer: { actions, scope: "all" } },
      });
      actionUsers.set(key, (await org.user(key, { roles: [role] })).client);
    }
    const customer = await org.admin.post("/api/data/customer", { name: "Module Customer" });
    expectStatus(customer, 201);
    customerId = customer.body.id as string;
    const contact = await org.admin.post("/api/data/contact", {
      name: "Module Contact",
      customer: customerId,
    });
    expectStatus(contact, 201);
    contactId = contact.body.id as string;
    const made = await org.admin.post("/api/data/product", product);
    expectStatus(made, 201);
    productId = made.body.id as string;
  });

  it("the admin sees both modules and every entity", async () => {
    const meta = (await org.admin.get("/api/meta")).body;
    expect(meta.modules.map((m: { key: string }) => m.key)).toEqual(["crm", "sales"]);
    expect(Object.keys(meta.entities).sort()).toEqual([
      "activity",
      "contact",
      "customer",
      "product",
    ]);
  });

  it("a module not granted is absent from /api/meta: modules, menus and entities", async () => {
    const meta = (await crmOnly.get("/api/meta")).body;
    expect(meta.modules.map((m: { key: string }) => m.key)).toEqual(["crm"]);
    // Entities of a visible module without read are gone from its menu too.
    expect(meta.modules[0].menu).toEqual([{ entity: "customer" }]);
    expect(Object.keys(meta.entities)).toEqual(["customer"]);
    expect(JSON.stringify(meta)).not.toContain("product");
    expect(meta.entities.customer.actions).toEqual(["read"]);
  });

  it("a module not granted answers 403 on its meta and data; an unknown entity stays 404", async () => {
    const paths = [
      ["GET", "/api/meta/entities/product"],
      ["GET", "/api/data/product"],
      ["GET", `/api/data/product/${productId}`],
      ["POST", "/api/data/product"],
      ["PATCH", `/api/data/product/${productId}`],
      ["DELETE", `/api/data/product/${productId}`],
      ["GET", `/api/data/product/${productId}/shares`],
      ["POST", `/api/data/product/${productId}/assign`],
    ] as const;
    for (const [method, path] of paths) {
      const body = method === "POST" || method === "PATCH" ? { name: "x" } : undefined;
      const res = await crmOnly.send(method, path, body, { "if-match": '"1"' });
      expect(res.status, `${method} ${path} ${res.text}`).toBe(403);
      expect(res.body.error.message, path).toMatch(/module "sales"/);
    }
    expectStatus(await crmOnly.get("/api/meta/entities/nosuch"), 404);
    expectStatus(await crmOnly.get("/api/data/nosuch"), 404);
    expectStatus(await crmOnly.get(`/api/data/nosuch/${productId}`), 404);
    // The product is untouched.
    const after = await org.admin.get(`/api/data/product/${productId}`);
    expect(after.body.version).toBe(1);
  });

  it("an entity of a visible module without a read grant answers 403", async () => {
    for (const path of [
      "/api/meta/entities/contact",
      "/api/data/contact",
      `/api/data/contact/${contactId}`,
      "/api/meta/entities/activity",
      "/api/data/activity",
    ]) {
      const res = await crmOnly.get(path);
      expect(res.status, `${path} ${res.text}`).toBe(403);
      expect(res.body.error.message).toMatch(/you may not read (Contact|Activity) records/);
    }
    const post = await crmOnly.post("/api/data/contact", { name: "x", customer: customerId });
    expectStatus(post, 403);
  });

  it("the OpenAPI document has no paths or schemas of what is not open", async () => {
    const user = await crmOnly.get("/api/openapi.json");
    expectStatus(user, 200);
    const paths = Object.keys(user.body.paths as Record<string, unknown>);
    expect(paths).toContain("/api/data/customer");
    for (const hiddenEntity of ["product", "contact", "activity"])
      expect(paths.filter((p) => p.includes(`/api/data/${hiddenEntity}`))).toEqual([]);
    expect(user.text).not.toContain("Product");
    const admin = await org.admin.get("/api/openapi.json");
    expect(Object.keys(admin.body.paths as Record<string, unknown>)).toContain("/api/data/product");
    expect(admin.text).toContain("Product");
  });

  it("a user without roles sees no module and no entity, and is refused every entity", async () => {
    const meta = await nobody.get("/api/meta");
    expectStatus(meta, 200);
    expect(meta.body.modules).toEqual([]);
    expect(meta.body.entities).toEqual({});
    for (const entity of ["customer", "contact", "activity", "product"]) {
      expectStatus(await nobody.get(`/api/meta/entities/${entity}`), 403);
      expectStatus(await nobody.get(`/api/data/${entity}`), 403);
    }
    expectStatus(await nobody.get(`/api/data/customer/${customerId}`), 403);
    expectStatus(await nobody.post("/api/data/customer", { name: "Nobody's" }), 403);
    const openapi = (await nobody.get("/api/openapi.json")).body;
    expect(Object.keys(openapi.paths).filter((p) => p.startsWith("/api/data/"))).toEqual([]);
  });

  it("modules and entities of several roles add up", async () => {
    const meta = (await both.get("/api/meta")).body;
    expect(meta.modules.map((m: { key: string }) => m.key)).toEqual(["crm", "sales"]);
    expect(Object.keys(meta.entities).sort()).toEqual(["customer", "product"]);
    expectStatus(await both.get(`/api/data/product/${productId}`), 200);
    expectStatus(await both.get(`/api/data/customer/${customerId}`), 200);
    expectStatus(await both.get(`/api/data/contact/${contactId}`), 403);
  });

  it("each action not granted answers 403 naming the action and the entity", async () => {
    let version = 1;
    const url = `/api/data/customer/${customerId}`;
    const refusals = {
      create: /you may not create Customer records/,
      update: /you may not change Customer records/,
      delete: /you may not delete Customer records/,
    };
    for (const [who, client] of actionUsers) {
      const granted = new Set((await client.get("/api/meta/entities/customer")).body.actions);
      expect(granted.has("read")).toBe(true);
      // Create
      const post = await client.post("/api/data/customer", { name: `Made by ${who}` });
      expect(post.status, `${who} POST ${post.text}`).toBe(granted.has("create") ? 201 : 403);
      if (post.status === 403) expect(post.body.error.message).toMatch(refusals.create);
      // Update, and the record-access writes that need it
      const patch = await client.patch(url, { remark: who }, { "if-match": `"${version}"` });
      expect(patch.status, `${who} PATCH ${patch.text}`).toBe(granted.has("update") ? 200 : 403);
      if (patch.status === 200) version = patch.body.version as number;
      else expect(patch.body.error.message).toMatch(refusals.update);
      const share = await client.post(`${url}/shares`, {
        user: await org.adminId(),
        access: "read",
      });
      expect(share.status, `${who} share ${share.text}`).toBe(granted.has("update") ? 201 : 403);
      if (share.status === 201) version++;
      else expect(share.body.error.message).toMatch(refusals.update);
      const assign = await client.post(`${url}/assign`, { owner: await org.adminId() });
      expect(assign.status, `${who} assign ${assign.text}`).toBe(granted.has("update") ? 200 : 403);
      if (assign.status === 200) version = assign.body.version as number;
      else expect(assign.body.error.message).toMatch(refusals.update);
      // Delete: on the record this user just made, so that the shared one stays.
      if (post.status === 201) {
        const del = await client.delete(`/api/data/customer/${post.body.id as string}`);
        expect(del.status, `${who} DELETE ${del.text}`).toBe(granted.has("delete") ? 204 : 403);
      }
      // An id of no customer: 404 with the right, 403 without it.
      const missing = await client.delete(`/api/data/customer/${contactId}`);
      expect(missing.status).toBe(granted.has("delete") ? 404 : 403);
      if (!granted.has("delete")) {
        const refused = await client.delete(url);
        expectStatus(refused, 403);
        expect(refused.body.error.message).toMatch(refusals.delete);
      }
    }
    // The deleter may delete: the customer (and its contact, by cascade) goes.
    expectStatus(await actionUsers.get("deleter")!.delete(url), 204);
    expectStatus(await org.admin.get(url), 404);
  });

  it("each role's meta lists exactly its actions", async () => {
    const expected = {
      reader: ["read"],
      creator: ["read", "create"],
      updater: ["read", "update"],
      deleter: ["read", "delete"],
    };
    for (const [who, actions] of Object.entries(expected)) {
      const view = (await actionUsers.get(who)!.get("/api/meta/entities/customer")).body;
      expect(view.actions, who).toEqual(actions);
    }
    const admin = (await org.admin.get("/api/meta/entities/customer")).body;
    expect(admin.actions).toEqual([...allActions]);
  });
});
