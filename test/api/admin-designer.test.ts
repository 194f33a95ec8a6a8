import { beforeAll, describe, expect, it } from "vitest";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestCompany } from "../support/test-engine.ts";

/**
 * What the entity designer reads: GET /api/admin/field-types,
 * /api/admin/entities(/:entity), and the module renames of PATCH
 * /api/admin/labels. Changes to fields go through the admin API they describe.
 */
interface TypeEntry {
  key: string;
  labels: Record<string, string>;
  properties: { key: string; schema: Record<string, unknown> }[];
  valueType: string | null;
}
interface DesignerField {
  key: string;
  base: boolean;
  definition: Record<string, unknown>;
  uses: Record<string, unknown>[];
}

let a: TestCompany;
let clerk: TestClient;
let types: TypeEntry[];
const fieldOf = async (entity: string, key: string) => {
  const res = await a.admin.get(`/api/admin/entities/${entity}`);
  expect(res.status).toBe(200);
  return (res.body.fields as DesignerField[]).find((f) => f.key === key);
};
const propertiesOf = (type: string) =>
  Object.fromEntries(types.find((t) => t.key === type)!.properties.map((p) => [p.key, p.schema]));

beforeAll(async () => {
  const engine = await testEngine();
  a = await testCompany(engine, "design");
  await addStaffUser(engine, a.slug, "clerk", "clerk-password-1");
  clerk = new TestClient(engine.app);
  await clerk.login(a.slug, "clerk", "clerk-password-1");
  const res = await a.admin.get("/api/admin/field-types");
  expect(res.status).toBe(200);
  types = res.body.items;
});

describe("the field types a designer offers", () => {
  it("lists every type the API knows, named in both languages", async () => {
    const known = Object.keys((await a.admin.get("/api/meta/field-types")).body).sort();
    expect(types.map((t) => t.key).sort()).toEqual(known);
    expect(types.find((t) => t.key === "decimal")!.labels).toEqual({
      "zh-CN": "小数",
      en: "Decimal number",
    });
  });

  it("gives each type's properties with the limits the metadata check applies", () => {
    expect(propertiesOf("text")).toMatchObject({
      maxLength: { type: "integer", minimum: 1 },
      minLength: { type: "integer", minimum: 0 },
      required: { type: "boolean" },
      unique: { type: "boolean" },
    });
    expect(propertiesOf("decimal")).toMatchObject({
      precision: { type: "integer", minimum: 1, maximum: 38 },
      scale: { type: "integer", minimum: 0, maximum: 12 },
    });
    // The option keys' pattern is written out: the designer checks keys as the engine will.
    expect(propertiesOf("enum").options).toMatchObject({
      type: "array",
      items: { type: "string", pattern: expect.any(String) },
    });
    expect(propertiesOf("reference")).toMatchObject({
      entity: { type: "string" },
      onDelete: { enum: ["restrict", "cascade", "setNull"] },
    });
    const precision = types
      .find((t) => t.key === "decimal")!
      .properties.find((p) => p.key === "precision");
    expect(precision).toMatchObject({ fixed: true });
    expect(propertiesOf("text").precision).toBeUndefined();
    expect(propertiesOf("text").type).toBeUndefined();
    expect(types.find((t) => t.key === "integer")!.valueType).toBe("integer");
    expect(types.find((t) => t.key === "reference")!.valueType).toBeNull();
  });

  it("is for admins only", async () => {
    expect((await clerk.get("/api/admin/field-types")).status).toBe(403);
    expect((await clerk.get("/api/admin/entities")).status).toBe(403);
  });
});

describe("the entities and their fields", () => {
  it("lists entities with labels in both languages and their field counts", async () => {
    const res = await a.admin.get("/api/admin/entities");
    expect(res.status).toBe(200);
    const customer = res.body.items.find((e: { key: string }) => e.key === "customer");
    const designed = (await a.admin.get("/api/admin/entities/customer")).body.fields;
    expect(customer).toMatchObject({
      module: "crm",
      labels: { "zh-CN": { entity: "客户" }, en: { entity: "Customer", plural: "Customers" } },
      fieldCount: designed.length,
      customFieldCount: 0,
    });
    // Hidden fields count too: the designer shows them, to un-hide.
    const seen = (await a.admin.get("/api/meta")).body.entities.customer.fields;
    expect(designed.length).toBeGreaterThanOrEqual(Object.keys(seen).length);
    expect(res.body.modules).toContainEqual({ key: "crm", labels: expect.any(Object) });
    expect((await a.admin.get("/api/admin/entities/nothing")).status).toBe(404);
  });

  it("adds a field of the options the catalogue offers, and shows it as the company's own", async () => {
    const added = await a.admin.post("/api/admin/entities/customer/fields", {
      key: "x_discount",
      type: "decimal",
      precision: 5,
      scale: 3,
      labels: { "zh-CN": "折扣率", en: "Discount rate" },
    });
    expect(added.status, added.text).toBe(201);
    expect(await fieldOf("customer", "x_discount")).toEqual({
      key: "x_discount",
      base: false,
      definition: { type: "decimal", precision: 5, scale: 3 },
      uses: [],
    });
    const made = await a.admin.post("/api/data/customer", {
      name: "折扣客户",
      x_discount: "0.125",
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body.x_discount).toBe("0.125");
    const list = (await a.admin.get("/api/admin/entities")).body.items;
    expect(list.find((e: { key: string }) => e.key === "customer").customFieldCount).toBe(1);
  });

  it("keeps a hidden field, marked hidden, where /api/meta leaves it out", async () => {
    const hid = await a.admin.patch("/api/admin/entities/customer/fields/fax", { hidden: true });
    expect(hid.status, hid.text).toBe(200);
    expect((await a.admin.get("/api/meta")).body.entities.customer.fields.fax).toBeUndefined();
    expect(await fieldOf("customer", "fax")).toMatchObject({
      base: true,
      definition: { type: "phone", hidden: true },
    });
    await a.admin.patch("/api/admin/entities/customer/fields/fax", { hidden: false });
    expect((await a.admin.get("/api/meta")).body.entities.customer.fields.fax).toBeDefined();
  });

  it("says where each field is used: title, search, numbering, form, list and filterBy", async () => {
    expect((await fieldOf("customer", "name"))!.uses).toEqual(
      expect.arrayContaining([
        { kind: "titleField" },
        { kind: "search" },
        { kind: "form", section: "basic" },
        { kind: "listColumn" },
      ]),
    );
    expect((await fieldOf("customer", "code"))!.uses).toContainEqual({ kind: "numbering" });
    expect((await fieldOf("customer", "quality"))!.uses).toContainEqual({ kind: "listFilter" });
    // activity.contact {"customer": "customer"}: the contact's customer and the activity's.
    const byActivity = { kind: "filterBy", entity: "activity", field: "contact" };
    expect((await fieldOf("contact", "customer"))!.uses).toContainEqual(byActivity);
    expect((await fieldOf("activity", "customer"))!.uses).toContainEqual(byActivity);
  });
});

describe("renaming and reordering", () => {
  it("reorders an enum's options, in the order /api/meta gives pickers", async () => {
    const res = await a.admin.patch("/api/admin/entities/customer/fields/quality", {
      options: ["D", "C", "B", "A"],
    });
    expect(res.status, res.text).toBe(200);
    expect((await clerk.get("/api/meta")).body.entities.customer.fields.quality.options).toEqual([
      "D",
      "C",
      "B",
      "A",
    ]);
    const dropped = await a.admin.patch("/api/admin/entities/customer/fields/quality", {
      options: ["D", "C", "B"],
    });
    expect(dropped.status).toBe(400);
    expect(dropped.text).toContain("cannot be removed");
  });

  it("sets a field's placeholder per language", async () => {
    const res = await a.admin.patch("/api/admin/entities/customer/labels", {
      "zh-CN": { placeholders: { shortName: "例如：华为" } },
      en: { placeholders: { shortName: "e.g. Huawei" } },
    });
    expect(res.status, res.text).toBe(200);
    const labels = (await clerk.get("/api/meta")).body.entities.customer.labels;
    expect(labels["zh-CN"].placeholders).toEqual({ shortName: "例如：华为" });
    expect(labels.en.placeholders).toEqual({ shortName: "e.g. Huawei" });
  });

  it("renames a module per language, for every user", async () => {
    const res = await a.admin.patch("/api/admin/labels", {
      "zh-CN": { modules: { crm: "客户关系" } },
    });
    expect(res.status, res.text).toBe(200);
    const crm = (await clerk.get("/api/meta")).body.modules.find(
      (m: { key: string }) => m.key === "crm",
    );
    expect(crm.labels["zh-CN"]).toBe("客户关系");
    expect(crm.labels.en).not.toBe("客户关系");

    const unknown = await a.admin.patch("/api/admin/labels", { en: { modules: { nope: "X" } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0]).toMatchObject({ field: "en.modules.nope" });
    const empty = await a.admin.patch("/api/admin/labels", { en: { modules: { crm: "" } } });
    expect(empty.status).toBe(400);
    expect((await clerk.patch("/api/admin/labels", { en: { modules: { crm: "X" } } })).status).toBe(
      403,
    );
  });
});
