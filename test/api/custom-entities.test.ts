import { beforeAll, describe, expect, it } from "vitest";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

const competitor = {
  key: "x_competitor",
  module: "crm",
  titleField: "name",
  fields: {
    name: { type: "text", required: true, maxLength: 100 },
    customer: { type: "reference", entity: "customer" },
    threat: { type: "enum", options: ["low", "high"] },
  },
  labels: {
    "zh-CN": {
      entity: "竞争产品",
      plural: "竞争产品",
      fields: { name: "名称", customer: "客户", threat: "威胁" },
      options: { threat: { low: "低", high: "高" } },
    },
    en: {
      entity: "Competing product",
      plural: "Competing products",
      fields: { name: "Name", customer: "Customer", threat: "Threat" },
    },
  },
};

const crmWith = (engine: TestEngine, entities: string[]) => ({
  modules: ["crm"],
  entities: Object.fromEntries(
    entities.map((e) => [e, { actions: engine.deps.modules.actionKeys, scope: "all" as const }]),
  ),
});

describe("a company's own entities", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let b: TestCompany;

  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "cen");
    b = await testCompany(engine, "cen");
  });

  it("are created by the admin and work like a base entity for a granted user, in that company only", async () => {
    const made = await a.admin.post("/api/admin/entities", competitor);
    expect(made.status, made.text).toBe(201);

    // Granted after it exists, as a role editor would.
    await addStaffUser(engine, a.slug, "rival.clerk", "rival-password-1", {
      permissions: crmWith(engine, ["customer", "x_competitor"]),
    });
    const clerk = new TestClient(engine.app);
    await clerk.login(a.slug, "rival.clerk", "rival-password-1");
    const meta = (await clerk.get("/api/meta")).body;
    expect(meta.entities.x_competitor.labels["zh-CN"].entity).toBe("竞争产品");
    const crm = meta.modules.find((m: { key: string }) => m.key === "crm");
    expect(crm.menu.map((i: { entity: string }) => i.entity)).toContain("x_competitor");

    const customer = await clerk.post("/api/data/customer", { name: "Rivalry Ltd" });
    expect(customer.status, customer.text).toBe(201);
    const rival = await clerk.post("/api/data/x_competitor", {
      name: "Acme Clone",
      customer: customer.body.id,
      threat: "high",
    });
    expect(rival.status, rival.text).toBe(201);
    expect(rival.body._display.customer).toBe("Rivalry Ltd");
    const invalid = await clerk.post("/api/data/x_competitor", { threat: "huge" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(
      ["name", "threat"],
    );

    // The customer's page lists it through the reference; quick search finds it by its title.
    const related = await clerk.get(
      `/api/data/x_competitor?filter=${encodeURIComponent(
        JSON.stringify({ field: "customer", op: "eq", value: customer.body.id }),
      )}`,
    );
    expect(related.body.items.map((r: { name: string }) => r.name)).toEqual(["Acme Clone"]);
    const found = await clerk.get("/api/data/x_competitor?q=Clone");
    expect(found.body.items).toHaveLength(1);
    const searched = await clerk.get("/api/search?q=Clone");
    expect(searched.body.groups.map((g: { entity: string }) => g.entity)).toContain("x_competitor");
    const exported = await clerk.get("/api/data/x_competitor/export?format=csv");
    expect(exported.status, exported.text).toBe(200);
    expect(exported.text).toContain("Acme Clone");

    const openapi = (await clerk.get("/api/openapi.json")).body;
    expect(openapi.paths["/api/data/x_competitor"]).toBeDefined();
    expect(Object.keys(openapi.components.schemas)).toEqual(
      expect.arrayContaining([expect.stringMatching(/XCompetitor|x_competitor/i)]),
    );

    // Company B has none of it.
    expect((await b.admin.get("/api/meta")).body.entities.x_competitor).toBeUndefined();
    expect((await b.admin.get("/api/data/x_competitor")).status).toBe(404);
  });

  it("take more fields through the field route, and relabel through the label route", async () => {
    const added = await a.admin.post("/api/admin/entities/x_competitor/fields", {
      key: "x_site",
      type: "url",
      labels: { "zh-CN": "网站", en: "Website" },
    });
    expect(added.status, added.text).toBe(201);
    const relabelled = await a.admin.patch("/api/admin/entities/x_competitor/labels", {
      "zh-CN": { entity: "竞品", plural: "竞品" },
    });
    expect(relabelled.status, relabelled.text).toBe(200);
    const made = await a.admin.post("/api/data/x_competitor", {
      name: "Second",
      x_site: "https://second.example",
    });
    expect(made.status, made.text).toBe(201);
    const meta = (await a.admin.get("/api/meta")).body.entities.x_competitor;
    expect(meta.labels["zh-CN"].entity).toBe("竞品");
    expect(meta.labels["zh-CN"].fields.name).toBe("名称");
    expect(meta.fields.x_site).toEqual({ type: "url" });
  });

  it("refuse a key used before, a key without x_, an unknown module and a base entity's archiving", async () => {
    const again = await a.admin.post("/api/admin/entities", competitor);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("key_used");
    const plain = await a.admin.post("/api/admin/entities", { ...competitor, key: "competitor" });
    expect(plain.status).toBe(400);
    expect(plain.text).toContain("starts with x_");
    const lost = await a.admin.post("/api/admin/entities", {
      ...competitor,
      key: "x_lost",
      module: "nosuch",
    });
    expect(lost.status).toBe(400);
    expect(lost.body.error.details.problems[0].pointer).toBe("/customEntities/x_lost/module");
    const base = await a.admin.delete("/api/admin/entities/customer");
    expect(base.status).toBe(409);
    expect(base.body.error.code).toBe("base_entity");
    expect((await a.admin.delete("/api/admin/entities/x_nothing")).status).toBe(404);
  });

  it("are archived only when empty, unreferenced and ungranted, and come back with their table", async () => {
    const held = await a.admin.delete("/api/admin/entities/x_competitor");
    expect(held.status).toBe(409);
    expect(held.body.error).toMatchObject({ code: "entity_has_records", details: { records: 2 } });
    expect(held.body.error.message).toContain("holds 2 records");

    const made = await a.admin.post("/api/admin/entities", {
      ...competitor,
      key: "x_rumour",
      labels: {
        "zh-CN": { entity: "传闻", plural: "传闻" },
        en: { entity: "Rumour", plural: "Rumours" },
      },
    });
    expect(made.status, made.text).toBe(201);
    const pointing = await a.admin.post("/api/admin/entities/customer/fields", {
      key: "x_rumour",
      type: "reference",
      entity: "x_rumour",
    });
    expect(pointing.status, pointing.text).toBe(201);
    const referred = await a.admin.delete("/api/admin/entities/x_rumour");
    expect(referred.status).toBe(409);
    expect(referred.body.error).toMatchObject({
      code: "entity_referenced",
      details: { fields: ["customer.x_rumour"] },
    });

    const c = await testCompany(engine, "cen");
    expect((await c.admin.post("/api/admin/entities", competitor)).status).toBe(201);
    await addStaffUser(engine, c.slug, "granted", "granted-password-1", {
      permissions: crmWith(engine, ["x_competitor"]),
    });
    const granted = await c.admin.delete("/api/admin/entities/x_competitor");
    expect(granted.status).toBe(409);
    expect(granted.body.error.code).toBe("entity_granted");

    const d = await testCompany(engine, "cen");
    expect((await d.admin.post("/api/admin/entities", competitor)).status).toBe(201);
    const archived = await d.admin.delete("/api/admin/entities/x_competitor");
    expect(archived.status, archived.text).toBe(200);
    const meta = (await d.admin.get("/api/meta")).body;
    expect(meta.entities.x_competitor).toBeUndefined();
    expect(JSON.stringify(meta.modules)).not.toContain("x_competitor");
    expect((await d.admin.get("/api/data/x_competitor")).status).toBe(404);
    expect((await d.admin.post("/api/admin/entities", competitor)).body.error.code).toBe(
      "key_used",
    );
    const back = await d.admin.patch("/api/admin/entities/x_competitor", { archived: false });
    expect(back.status, back.text).toBe(200);
    expect((await d.admin.get("/api/data/x_competitor")).status).toBe(200);
  });

  it("leave with a rollback to before them, their records kept for the version that has them", async () => {
    const e = await testCompany(engine, "cen");
    const before = (await e.admin.get("/api/admin/metadata")).body.head;
    expect((await e.admin.post("/api/admin/entities", competitor)).status).toBe(201);
    const withIt = (await e.admin.get("/api/admin/metadata")).body.head;
    expect((await e.admin.post("/api/data/x_competitor", { name: "Kept" })).status).toBe(201);

    expect((await e.admin.post("/api/admin/metadata/rollback", { version: before })).status).toBe(
      200,
    );
    expect((await e.admin.get("/api/data/x_competitor")).status).toBe(404);
    expect((await e.admin.post("/api/admin/metadata/rollback", { version: withIt })).status).toBe(
      200,
    );
    const list = await e.admin.get("/api/data/x_competitor");
    expect(list.body.items.map((r: { name: string }) => r.name)).toEqual(["Kept"]);
  });
});
