import { Type } from "@sinclair/typebox";
import { verbatim } from "../../engine/i18n/text.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { engineModules } from "../../engine/engine-modules.ts";
import type { EngineModule } from "../../engine/modules/engine-module.ts";
import { ModuleSet } from "../../engine/modules/module-set.ts";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/** A module of the tests only: a route, and a dependency on the CRM. */
const visitsModule: EngineModule = {
  key: "x_visits",
  label: verbatim("Visits"),
  description: verbatim("A route that needs the CRM."),
  version: "0.1.0",
  dependsOn: ["crm"],
  switchable: true,
  routes: [
    {
      prefix: "/api/x/visits",
      register(routes) {
        routes.route(
          "GET",
          "/today",
          {
            policy: "session",
            operationId: "visitsToday",
            summary: "Today's visits",
            tags: ["x_visits"],
            responses: {
              200: { description: "Count.", schema: Type.Object({ count: Type.Integer() }) },
            },
          },
          (c) => c.json({ count: 0 }),
        );
      },
    },
  ],
  recordRoutes(routes, service) {
    routes.route(
      "GET",
      "/:entity/:id/visits",
      {
        policy: "session",
        perEntity: true,
        operationId: "recordVisits",
        summary: "Visits to a {singular}",
        tags: [],
        responses: {
          200: { description: "Count.", schema: Type.Object({ count: Type.Integer() }) },
        },
      },
      (c) => c.json({ count: service(c).definition.entity.key.length }),
    );
  },
};

const menuKeys = async (client: TestClient) =>
  (await client.get("/api/meta")).body.modules.map((m: { key: string }) => m.key);

describe("modules switched per company", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let b: TestCompany;
  let customerId: string;

  beforeAll(async () => {
    engine = await testEngine({ modules: new ModuleSet([...engineModules, visitsModule]) });
    a = await testCompany(engine, "swa");
    b = await testCompany(engine, "swb");
    const created = await a.admin.post("/api/data/customer", {
      name: "开关前的客户",
      quality: "A",
    });
    expect(created.status, created.text).toBe(201);
    customerId = created.body.id;
  });

  const patch = (company: TestCompany, key: string, on: boolean) =>
    company.admin.patch(`/api/admin/modules/${key}`, { on });

  it("lists every module with its version, dependencies and state, for admins only", async () => {
    const res = await a.admin.get("/api/admin/modules");
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(res.body.items.map((m: { key: string }) => [m.key, m]));
    expect(byKey.crm).toEqual({
      key: "crm",
      label: "Customers",
      description: "Customers, contacts and activities.",
      version: "1.0.0",
      dependsOn: ["core"],
      switchable: true,
      on: true,
      menus: ["crm"],
    });
    expect(byKey.core).toMatchObject({ switchable: false, on: true });
    a.admin.language = "zh-CN";
    const zh = await a.admin.get("/api/admin/modules");
    a.admin.language = "en";
    expect(zh.body.items.find((m: { key: string }) => m.key === "crm")).toMatchObject({
      label: "客户管理",
      description: "客户、联系人和跟进记录。",
    });
    expect(byKey.x_visits).toMatchObject({ dependsOn: ["crm"], on: true });
    const keys = res.body.items.map((m: { key: string }) => m.key);
    expect(keys.indexOf("crm")).toBeLessThan(keys.indexOf("x_visits"));
    await addStaffUser(engine, a.slug, "clerk", "clerk-password-1");
    const clerk = new TestClient(engine.app);
    await clerk.login(a.slug, "clerk", "clerk-password-1");
    expect((await clerk.get("/api/admin/modules")).status).toBe(403);
  });

  it("mounts a module's routes under an entity's records, for entities the user may reach", async () => {
    const visits = await a.admin.get(`/api/data/customer/${customerId}/visits`);
    expect(visits.status, visits.text).toBe(200);
    expect(visits.body).toEqual({ count: "customer".length });
    const unknown = await a.admin.get(`/api/data/nosuch/${customerId}/visits`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const past = await a.admin.get(`/api/data/customer/${customerId}/visits/more`);
    expect(past.status).toBe(404);
    expect(past.body.error.message).toContain("no route GET");
    const doc = (await a.admin.get("/api/openapi.json")).body;
    expect(doc.paths["/api/data/customer/{id}/visits"].get.operationId).toBe(
      "recordVisitsCustomer",
    );
  });

  it("refuses to switch off what the engine needs, or what others still use", async () => {
    const core = await patch(a, "core", false);
    expect(core.status).toBe(409);
    expect(core.body.error.code).toBe("not_switchable");
    const used = await patch(a, "crm", false);
    expect(used.status).toBe(409);
    expect(used.body.error).toMatchObject({
      code: "in_use",
      details: { dependents: ["x_visits"] },
    });
    expect(used.body.error.message).toContain("x_visits");
    expect((await patch(a, "nosuch", false)).status).toBe(404);
  });

  it("takes a module's routes away from that company only (404), and out of its OpenAPI", async () => {
    const off = await patch(a, "x_visits", false);
    expect(off.status, off.text).toBe(200);
    expect(off.body.module).toMatchObject({ key: "x_visits", on: false });
    expect((await a.admin.get("/api/x/visits/today")).status).toBe(404);
    expect((await b.admin.get("/api/x/visits/today")).status).toBe(200);
    expect((await a.admin.get(`/api/data/customer/${customerId}/visits`)).status).toBe(404);
    expect((await b.admin.get(`/api/data/customer/${customerId}/visits`)).body).toEqual({
      count: "customer".length,
    });
    expect(
      (await a.admin.get("/api/openapi.json")).body.paths["/api/x/visits/today"],
    ).toBeUndefined();
    expect(
      (await b.admin.get("/api/openapi.json")).body.paths["/api/x/visits/today"],
    ).toBeDefined();
  });

  it("takes the CRM's menus and entities away, keeps their data, and brings them back", async () => {
    const off = await patch(a, "crm", false);
    expect(off.status, off.text).toBe(200);
    expect(await menuKeys(a.admin)).toEqual(["sales"]);
    const gone = await a.admin.get(`/api/data/customer/${customerId}`);
    expect(gone.status).toBe(404);
    expect((await a.admin.get("/api/data/customer")).status).toBe(404);
    expect((await a.admin.get("/api/meta/entities/customer")).status).toBe(404);
    const doc = (await a.admin.get("/api/openapi.json")).body;
    expect(Object.keys(doc.paths).some((p) => p.startsWith("/api/data/customer"))).toBe(false);
    expect(doc.paths["/api/data/product"]).toBeDefined();
    expect((await a.admin.get("/api/search?q=开关")).body.groups).toEqual([]);
    // The other company keeps its CRM.
    expect(await menuKeys(b.admin)).toEqual(["crm", "sales"]);

    const needs = await patch(a, "x_visits", true);
    expect(needs.status).toBe(409);
    expect(needs.body.error).toMatchObject({ code: "needs_modules", details: { needs: ["crm"] } });

    const on = await patch(a, "crm", true);
    expect(on.status, on.text).toBe(200);
    expect(await menuKeys(a.admin)).toEqual(["crm", "sales"]);
    const back = await a.admin.get(`/api/data/customer/${customerId}`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ name: "开关前的客户", quality: "A" });
  });

  it("is a metadata version: audited, and undone by rollback", async () => {
    const off = await patch(a, "sales", false);
    expect(off.status).toBe(200);
    const audit = await a.admin.get("/api/admin/audit?action=metadata_changed");
    expect(audit.body.items[0].target).toBe("switch module sales off");
    const { versions } = (await a.admin.get("/api/admin/metadata")).body;
    const before = versions[1].version;
    const rolled = await a.admin.post("/api/admin/metadata/rollback", { version: before });
    expect(rolled.status, rolled.text).toBe(200);
    expect(await menuKeys(a.admin)).toEqual(["crm", "sales"]);
  });
});
