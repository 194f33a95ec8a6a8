import { beforeAll, describe, expect, it } from "vitest";
import { addStaffUser } from "../support/staff-user.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

const entity = (key: string, more: Record<string, unknown> = {}) => ({
  key,
  module: "crm",
  titleField: "name",
  fields: { name: { type: "text", required: true }, size: { type: "text" } },
  labels: {
    "zh-CN": { entity: "测试", plural: "测试" },
    en: { entity: "Probe", plural: "Probes" },
  },
  ...more,
});

describe("a company's own entities, where they would break something", () => {
  let engine: TestEngine;

  beforeAll(async () => {
    engine = await testEngine();
  });

  it("refuse keys of indexes, of a plugin, a switched-off module and a title that is not text", async () => {
    const { admin } = await testCompany(engine, "ceg");
    const index = await admin.post("/api/admin/entities", entity("x_rival_idx"));
    expect(index.status).toBe(400);
    expect(index.text).toContain("index or constraint");
    const plugin = await admin.post("/api/admin/entities", entity("x_loyalty_extra"));
    expect(plugin.status).toBe(400);
    expect(plugin.text).toContain("loyalty plugin");
    const titled = await admin.post(
      "/api/admin/entities",
      entity("x_numbered", { titleField: "size", fields: { size: { type: "integer" } } }),
    );
    expect(titled.status).toBe(400);
    expect(titled.body.error.details.problems[0].pointer).toBe(
      "/customEntities/x_numbered/titleField",
    );
    expect((await admin.patch("/api/admin/modules/sales", { on: false })).status).toBe(200);
    const off = await admin.post("/api/admin/entities", entity("x_stock", { module: "sales" }));
    expect(off.status).toBe(409);
    expect(off.body.error.code).toBe("module_off");
  });

  it("move to another module only when the roles that grant them show it", async () => {
    const { slug, admin } = await testCompany(engine, "ceg");
    expect((await admin.post("/api/admin/entities", entity("x_probe"))).status).toBe(201);
    await addStaffUser(engine, slug, "probe.clerk", "probe-password-1", {
      permissions: {
        modules: ["crm"],
        entities: { x_probe: { actions: ["read"], scope: "all" } },
      },
    });
    const moved = await admin.patch("/api/admin/entities/x_probe", { module: "sales" });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toMatchObject({ code: "entity_granted" });
    expect(moved.body.error.details.roles).toHaveLength(1);
  });

  it("convert the fields they were made with, and refuse a rollback the columns no longer fit", async () => {
    const { admin } = await testCompany(engine, "ceg");
    const start = (await admin.get("/api/admin/metadata")).body.head as number;
    expect((await admin.post("/api/admin/entities", entity("x_sized"))).status).toBe(201);
    const made = await admin.post("/api/data/x_sized", { name: "Big", size: "12" });
    expect(made.status, made.text).toBe(201);
    const asText = (await admin.get("/api/admin/metadata")).body.head as number;
    const retyped = await admin.patch("/api/admin/entities/x_sized/fields/size", {
      type: "integer",
    });
    expect(retyped.status, retyped.text).toBe(200);
    expect((await admin.get(`/api/data/x_sized/${made.body.id}`)).body.size).toBe(12);

    // Rolled away and back to the version where size was text: the column holds integers now.
    expect((await admin.post("/api/admin/metadata/rollback", { version: start })).status).toBe(200);
    const back = await admin.post("/api/admin/metadata/rollback", { version: asText });
    expect(back.status).toBe(409);
    expect(back.body.error).toMatchObject({
      code: "stored_type_differs",
      details: { fields: ["x_sized.size"] },
    });
    expect((await admin.get("/api/data/x_sized")).status).toBe(404);
  });

  it("cannot be found by a JavaScript object's own names", async () => {
    const { admin } = await testCompany(engine, "ceg");
    for (const name of ["constructor", "toString", "__proto__"]) {
      const res = await admin.delete(`/api/admin/entities/${name}`);
      expect(res.status, `${name}: ${res.text}`).toBe(404);
    }
  });
});
