import { unrestrictedPolicy } from "../companies/record-policy.ts";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CompanyContext } from "../companies/company-context.ts";
import { defaultCompanySettings } from "../companies/company-settings.ts";
import { applyOverlay } from "../metadata/apply-overlay.ts";
import { loadBaseMetadata } from "../metadata/load-base-metadata.ts";
import { isSystemField, systemFields } from "../metadata/metadata-types.ts";
import {
  componentSchemas,
  errorLines,
  openApiProblems,
  pathsOfKey,
} from "../../test/api/openapi-checks.ts";
import { buildOpenApi } from "./build-openapi.ts";
import { OpenApiCache } from "./openapi-cache.ts";
import { FillingEntities } from "../search-index/filling-entities.ts";
import { defaultModules } from "../engine-modules.ts";

const base = loadBaseMetadata(path.resolve(import.meta.dirname, "../.."));

/** A company context as the session middleware hands it to routes, without a database. */
function company(overlay: unknown = {}, currencyDecimals = 2): CompanyContext {
  return {
    slug: "acme",
    schema: "co_acme",
    name: "Acme 贸易",
    settings: { ...defaultCompanySettings, currencyDecimals },
    fieldContext: { currencyDecimals },
    meta: applyOverlay(base, overlay, 1),
    validators: undefined as never,
    metadataError: undefined,
    policy: unrestrictedPolicy,
    modulesOff: new Set(),
    searchFilling: new FillingEntities([]),
    searchTokens: { share: () => undefined },
  };
}

const entities = Object.keys(base.entities);
const actions = defaultModules().actionKeys;

describe("buildOpenApi", () => {
  const doc = buildOpenApi(company(), { secureCookies: false, actions }) as any;

  it("is a valid OpenAPI 3.1 document whose schemas are strict JSON Schema 2020-12", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const problems = await openApiProblems(doc);
    expect(problems, problems.join("\n")).toEqual([]);
    expect(pathsOfKey(doc, "nullable")).toEqual([]);
    const schema = componentSchemas(doc);
    for (const name of Object.keys(doc.components.schemas))
      expect(schema(name)).toBeTypeOf("function");
  });

  it("has the records API of every entity, with one operation id per operation", () => {
    expect(entities).toEqual(
      expect.arrayContaining(["customer", "contact", "activity", "product"]),
    );
    for (const e of entities) {
      expect(Object.keys(doc.paths[`/api/data/${e}`])).toEqual(["get", "post"]);
      expect(Object.keys(doc.paths[`/api/data/${e}/{id}`])).toEqual([
        "parameters",
        "get",
        "patch",
        "delete",
      ]);
      for (const s of ["", "Create", "Patch", "List", "Filter"])
        expect(doc.components.schemas[e + s]).toBeDefined();
    }
    expect(doc.paths["/api/data/customer"].get.operationId).toBe("listCustomer");
    const ids = Object.values(doc.paths).flatMap((item: any) =>
      ["get", "post", "patch", "delete"].filter((m) => item[m]).map((m) => item[m].operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("writes only writable fields, and requires the required ones without a default", () => {
    const create = doc.components.schemas.customerCreate;
    expect(create.properties.code).toBeUndefined();
    expect(Object.keys(create.properties).filter(isSystemField)).toEqual([]);
    expect(create.required).toEqual(["name"]);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.isKeyAccount.default).toBe(false);
    expect(doc.components.schemas.activityCreate.required).toEqual([
      "subject",
      "customer",
      "startAt",
    ]);
    expect(doc.components.schemas.customerPatch.required).toBeUndefined();
    const record = doc.components.schemas.customer;
    expect(record.required).toEqual(expect.arrayContaining(["code", ...systemFields, "_display"]));
    expect(record.properties.code.readOnly).toBe(true);
    expect(record.properties.quality).toMatchObject({
      type: ["string", "null"],
      enum: ["A", "B", "C", "D", null],
      "x-label-zh-CN": expect.any(String),
    });
    expect(record.properties.quality.description).toContain("Quality grade");
  });

  it("follows the company: money's scale, hidden fields, the cookie's name", () => {
    const yen = buildOpenApi(company({}, 0), { secureCookies: true, actions }) as any;
    expect(yen.components.schemas.customer.properties.creditLimit.pattern).not.toContain(".");
    expect(doc.components.schemas.customer.properties.creditLimit.pattern).toContain("{1,2}");
    expect(yen.components.securitySchemes.session).toMatchObject({
      type: "apiKey",
      in: "cookie",
      name: "__Host-sid",
    });
    expect(doc.components.securitySchemes.session.name).toBe("sid");
    const hidden = buildOpenApi(
      company({ entities: { customer: { fields: { fax: { hidden: true } } } } }),
      { secureCookies: false, actions },
    );
    expect(JSON.stringify(hidden.components.schemas.customer)).not.toContain('"fax"');
    expect(JSON.stringify(hidden.components.schemas.customerFilter)).not.toContain('"fax"');
    expect(JSON.stringify(hidden.components.schemas.customerCondition)).not.toContain('"fax"');
  });

  it("validates records and bodies as the API writes and reads them", () => {
    const schema = componentSchemas(doc);
    const create = schema("customerCreate");
    expect(create({ name: "杭州西湖贸易有限公司", quality: "A", creditLimit: "1000.50" })).toBe(
      true,
    );
    expect(create({ name: "x", code: "KH-1" })).toBe(false);
    expect(create({ name: "x", id: "0190a3c4-0000-7000-8000-000000000000" })).toBe(false);
    expect(create({ quality: "A" })).toBe(false);
    expect(create({ name: null })).toBe(false);
    const patch = schema("customerPatch");
    expect(patch({ quality: null }), errorLines(patch).join("\n")).toBe(true);
    const filter = schema("customerFilter");
    expect(
      filter({
        and: [
          { field: "region", op: "within", value: "330000" },
          { not: { field: "quality", op: "isNull", value: true } },
        ],
      }),
    ).toBe(true);
    expect(filter({ and: [{ field: "nope", op: "eq", value: 1 }] })).toBe(false);
  });
});

describe("OpenApiCache", () => {
  it("builds a company's document once per context, that is once per metadata version", () => {
    let builds = 0;
    const cache = new OpenApiCache({ secureCookies: false, actions }, (c, o) => {
      builds++;
      return buildOpenApi(c, o);
    });
    const v1 = company();
    const first = cache.get(v1);
    expect(cache.get(v1)).toBe(first);
    expect(builds).toBe(1);
    expect(JSON.parse(first.json)).toEqual(first.document);
    const v2 = company({ entities: { customer: { fields: { x_qq: { type: "text" } } } } });
    expect(cache.get(v2).document.info.version).not.toBe(first.document.info.version);
    expect(builds).toBe(2);
  });
});
