import { beforeAll, describe, expect, it } from "vitest";
import { fieldTypes } from "../../engine/fields/registry.ts";
import { systemFields } from "../../engine/metadata/metadata-types.ts";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";
import { componentSchemas, errorLines, openApiProblems, pathsOfKey } from "./openapi-checks.ts";

/** A custom field of each registered type, and a value of it; a type missing here fails the suite. */
const samples: Record<string, { field: Record<string, unknown>; value: unknown }> = {
  text: { field: { maxLength: 50 }, value: "nbhs_trade" },
  longText: { field: {}, value: "第一行\n第二行" },
  integer: { field: { minimum: 0 }, value: 42 },
  decimal: { field: { precision: 10, scale: 3 }, value: "12.345" },
  money: { field: { minimum: 0 }, value: "99.5" },
  boolean: { field: { default: false }, value: true },
  date: { field: {}, value: "2026-05-01" },
  datetime: { field: {}, value: "2026-05-01T09:30:00+08:00" },
  enum: { field: { options: ["gold", "silver"] }, value: "gold" },
  multiEnum: { field: { options: ["north", "south", "east"] }, value: ["north", "east"] },
  reference: { field: { entity: "product", onDelete: "setNull" }, value: "product id" },
  email: { field: {}, value: "buyer@example.com" },
  phone: { field: {}, value: "+86 571 8888 1234" },
  url: { field: {}, value: "https://example.com/shop" },
  json: { field: {}, value: { tier: 2, regions: ["华东"] } },
  region: { field: {}, value: "330106" },
};
const customKey = (type: string) => `x_${type.toLowerCase()}`;
const isCustom = (key: string) => key.startsWith("x_");

async function openApi(client: TestClient): Promise<TestResponse> {
  const res = await client.get("/api/openapi.json");
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("x-meta-version")).toBe(res.body.info.version);
  return res;
}

async function expectValid(doc: unknown) {
  const problems = await openApiProblems(doc);
  expect(problems, `OpenAPI validation errors:\n${problems.join("\n")}`).toEqual([]);
  expect(pathsOfKey(doc, "nullable")).toEqual([]);
}

function expectConforms(doc: unknown, schema: string, value: unknown) {
  const validate = componentSchemas(doc)(schema);
  expect(validate(value), `${schema}:\n${errorLines(validate).join("\n")}`).toBe(true);
}

describe("GET /api/openapi.json", () => {
  let engine: TestEngine;
  let a: TestCompany;

  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "oapi");
  });

  it("needs a session", async () => {
    const res = await new TestClient(engine.app).get("/api/openapi.json");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });

  it("documents the company's API as a valid OpenAPI 3.1 document", async () => {
    const { body: doc } = await openApi(a.admin);
    await expectValid(doc);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toContain(`Test ${a.slug}`);
    expect(doc.servers).toEqual([{ url: "/" }]);
    expect(doc.security).toEqual([{ session: [] }]);
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: "apiKey",
      in: "cookie",
      name: "sid",
    });
    expect(doc.paths["/api/health"].get.security).toEqual([]);
    expect(doc.paths["/api/auth/login"].post.security).toEqual([]);
    expect(doc.paths["/api/auth/me"].get.security).toBeUndefined();
    for (const p of [
      "/api/auth/logout",
      "/api/meta",
      "/api/meta/entities/{entity}",
      "/api/openapi.json",
      "/api/admin/metadata",
      "/api/admin/metadata/versions/{version}",
      "/api/admin/metadata/rollback",
      "/api/admin/entities/{entity}/fields",
      "/api/admin/entities/{entity}/fields/{field}",
      "/api/admin/entities/{entity}/labels",
    ])
      expect(doc.paths[p], p).toBeDefined();

    for (const entity of ["customer", "contact", "activity", "product"]) {
      const list = doc.paths[`/api/data/${entity}`];
      const one = doc.paths[`/api/data/${entity}/{id}`];
      const Entity = entity[0]!.toUpperCase() + entity.slice(1);
      expect(list.get.operationId).toBe(`list${Entity}`);
      expect(list.post.operationId).toBe(`create${Entity}`);
      expect(one.get.operationId).toBe(`get${Entity}`);
      expect(one.patch.operationId).toBe(`patch${Entity}`);
      expect(one.delete.operationId).toBe(`delete${Entity}`);
      expect(list.get.parameters.map((p: { name: string }) => p.name)).toEqual([
        "filter",
        "sort",
        "q",
        "limit",
        "offset",
        "after",
        "total",
      ]);
      expect(list.get.responses["200"].content["application/json"].schema).toEqual({
        $ref: `#/components/schemas/${entity}List`,
      });
      expect(Object.keys(one.patch.responses)).toEqual(
        expect.arrayContaining(["200", "400", "401", "404", "409", "415", "428", "503"]),
      );
      expect(one.delete.responses["204"]).toBeDefined();
      expect(one.get.responses["200"].headers.ETag).toBeDefined();
    }
    const ifMatch = doc.components.parameters.IfMatchRequired;
    expect(ifMatch).toMatchObject({ name: "If-Match", in: "header", required: true });
    expect(doc.components.responses.Error428.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Error",
    });

    const create = doc.components.schemas.customerCreate;
    expect(create.properties).not.toHaveProperty("code");
    for (const f of systemFields) expect(create.properties).not.toHaveProperty(f);
    expect(create.required).toEqual(["name"]);
    expect(create.additionalProperties).toBe(false);
    expect(doc.components.schemas.customer.properties.code).toMatchObject({ readOnly: true });
    expect(doc.components.schemas.customer.properties.name).toMatchObject({
      type: ["string", "null"],
      description: "Company name",
      "x-label-zh-CN": "客户名称",
    });
    expect(doc.components.schemas.customer.properties.quality.enum).toEqual([
      "A",
      "B",
      "C",
      "D",
      null,
    ]);
    const filter = list(doc).find((p: { name: string }) => p.name === "filter");
    expect(filter.description).toContain('{"and":[{"field":"city","op":"eq","value":"杭州"}]}');
  });

  it("adds a field of every type once an admin adds it, for that company only", async () => {
    expect(Object.keys(samples).sort()).toEqual([...fieldTypes.keys()].sort());
    const before = (await openApi(a.admin)).body;
    for (const [type, { field }] of Object.entries(samples)) {
      const added = await a.admin.post("/api/admin/entities/customer/fields", {
        key: customKey(type),
        type,
        ...field,
        labels: { "zh-CN": `自定义${type}`, en: `Custom ${type}` },
      });
      expect(added.status, added.text).toBe(201);
      expectConforms(before, "FieldChanged", added.body);
    }
    const { body: doc } = await openApi(a.admin);
    expect(doc.info.version).not.toBe(before.info.version);
    await expectValid(doc);
    const schema = componentSchemas(doc);
    for (const name of Object.keys(doc.components.schemas))
      expect(schema(name)).toBeTypeOf("function");

    const { customer, customerCreate, customerPatch, customerCondition } = doc.components.schemas;
    for (const type of fieldTypes.keys()) {
      const key = customKey(type);
      expect(customer.properties[key], key).toMatchObject({
        description: expect.stringContaining(`Custom ${type}`),
        "x-label-zh-CN": `自定义${type}`,
        "x-field-type": type,
      });
      expect(customerCreate.properties).toHaveProperty(key);
      expect(customerPatch.properties).toHaveProperty(key);
      expect(customerCondition.properties.field.enum).toContain(key);
    }
    expect(customer.properties.x_enum.enum).toEqual(["gold", "silver", null]);
    expect(customer.properties.x_reference["x-reference"]).toBe("product");
    expect(customer.properties._display.properties).toHaveProperty("x_reference");
    expect(customerCreate.properties.x_boolean.default).toBe(false);

    const b = await testCompany(engine, "oapo");
    const other = (await openApi(b.admin)).body;
    for (const s of ["customer", "customerCreate", "customerPatch"])
      expect(Object.keys(other.components.schemas[s].properties).filter(isCustom), s).toEqual([]);
    expect(
      other.components.schemas.customerCondition.properties.field.enum.filter(isCustom),
    ).toEqual([]);
    expect(other.info.title).toContain(`Test ${b.slug}`);
  });

  it("describes the answers and bodies the API really gives and takes", async () => {
    const { body: doc } = await openApi(a.admin);
    const product = await a.admin.post("/api/data/product", { code: "P-001", name: "激光打印机" });
    expect(product.status, product.text).toBe(201);
    expectConforms(doc, "product", product.body);

    const body: Record<string, unknown> = { name: "宁波海曙贸易有限公司", quality: "A" };
    for (const [type, { value }] of Object.entries(samples))
      body[customKey(type)] = type === "reference" ? product.body.id : value;
    expectConforms(doc, "customerCreate", body);
    const created = await a.admin.post("/api/data/customer", body);
    expect(created.status, created.text).toBe(201);
    expectConforms(doc, "customer", created.body);
    expect(created.body._display.x_reference).toBe("激光打印机");

    const patch = { x_json: null, x_multienum: [], city: "宁波" };
    expectConforms(doc, "customerPatch", patch);
    const patched = await a.admin.patch(`/api/data/customer/${created.body.id}`, patch, {
      "if-match": created.headers.get("etag")!,
    });
    expect(patched.status, patched.text).toBe(200);
    expectConforms(doc, "customer", patched.body);
    expectConforms(doc, "customerList", (await a.admin.get("/api/data/customer")).body);
    const url = `/api/data/customer/${created.body.id}`;
    const share = await a.admin.post(`${url}/shares`, {
      department: (await a.admin.post("/api/admin/departments", { name: "OpenAPI" })).body.id,
      access: "read",
      subDepartments: true,
    });
    expect(share.status, share.text).toBe(201);
    expectConforms(doc, "Share", share.body);
    const history = await a.admin.get(`${url}/history`);
    expect(history.status, history.text).toBe(200);
    expect(history.body.items.length).toBe(3);
    for (const entry of history.body.items) expectConforms(doc, "HistoryEntry", entry);

    const refused = await a.admin.post("/api/data/customer", { code: "KH-1" });
    expect(refused.status).toBe(400);
    expect(componentSchemas(doc)("customerCreate")({ code: "KH-1" })).toBe(false);
    expectConforms(doc, "Error", refused.body);
    expectConforms(doc, "MetaView", (await a.admin.get("/api/meta")).body);
    expectConforms(doc, "EntityView", (await a.admin.get("/api/meta/entities/customer")).body);
  });

  it("documents the filters and sorts the list accepts, and no others", async () => {
    const { body: doc } = await openApi(a.admin);
    const list = (entity: string, query: Record<string, string>) =>
      a.admin.get(`/api/data/${entity}?${new URLSearchParams(query)}`);
    for (const entity of Object.keys(doc.paths)
      .map((p) => /^\/api\/data\/([a-z_0-9]+)$/.exec(p)?.[1])
      .filter((e): e is string => e !== undefined)) {
      const parameters = doc.paths[`/api/data/${entity}`].get.parameters;
      const param = (name: string) => parameters.find((p: { name: string }) => p.name === name);
      for (const name of ["filter", "sort"]) {
        const res = await list(entity, { [name]: param(name).example });
        expect(res.status, `${entity} ${name} example: ${res.text}`).toBe(200);
      }
      const operators: Record<string, string[]> =
        doc.components.schemas[`${entity}Condition`]["x-filter-operators"];
      for (const [field, ops] of Object.entries(operators)) {
        const filter = (op: string) => JSON.stringify({ field, op, value: true });
        const res = await list(entity, { filter: filter("isNull") });
        expect(res.status, `${entity}.${field} isNull: ${res.text}`).toBe(200);
        if (!ops.includes("contains")) {
          const refused = await list(entity, { filter: filter("contains") });
          expect(refused.body.error?.code, `${entity}.${field} contains`).toBe("bad_filter");
        }
      }
      const sortable: string[] = param("sort")["x-sort-fields"];
      for (const field of Object.keys(operators)) {
        const res = await list(entity, { sort: `-${field}` });
        expect(res.status, `${entity} sort ${field}: ${res.text}`).toBe(
          sortable.includes(field) ? 200 : 400,
        );
      }
    }
    expect(doc.paths["/api/data/customer"].get.parameters[1]["x-sort-fields"]).not.toContain(
      "x_json",
    );
  });

  it("leaves out a field an admin hides", async () => {
    const before = (await openApi(a.admin)).body;
    expect(before.components.schemas.customer.properties).toHaveProperty("fax");
    const hide = await a.admin.patch("/api/admin/entities/customer/fields/fax", { hidden: true });
    expect(hide.status).toBe(200);
    const { body: doc } = await openApi(a.admin);
    expect(doc.info.version).not.toBe(before.info.version);
    for (const s of ["customer", "customerCreate", "customerPatch", "customerCondition"])
      expect(JSON.stringify(doc.components.schemas[s]), s).not.toContain('"fax"');
    expect(doc.components.schemas.contactCreate.properties).toHaveProperty("phone");
    await expectValid(doc);
  });

  it("answers the same document until the metadata changes", async () => {
    const first = await openApi(a.admin);
    const second = await openApi(a.admin);
    expect(second.text).toBe(first.text);
  });
});

function list(doc: any) {
  return doc.paths["/api/data/customer"].get.parameters;
}
