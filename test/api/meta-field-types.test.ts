import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

/**
 * GET /api/meta/field-types tells a client what the API does with each type,
 * so that the UI never decides it itself: a list sorts by a field exactly when
 * its type is `sortable`, and a field's value is a record's id (OpenAPI's
 * `x-reference`) exactly when its type `refersToRecords`.
 */
let admin: TestClient;
let types: Record<string, { sortable: boolean; refersToRecords: boolean }>;
/** Every field of every entity the admin sees, with its type. */
let fields: { entity: string; field: string; type: string }[];

beforeAll(async () => {
  const engine = await testEngine();
  ({ admin } = await testCompany(engine, "ftypes"));
  types = (await admin.get("/api/meta/field-types")).body;
  const meta = (await admin.get("/api/meta")).body as {
    entities: Record<string, { fields: Record<string, { type: string }> }>;
  };
  fields = Object.entries(meta.entities).flatMap(([entity, def]) =>
    Object.entries(def.fields).map(([field, f]) => ({ entity, field, type: f.type })),
  );
});

describe("GET /api/meta/field-types", () => {
  it("says which fields a list sorts by, as the list API answers", async () => {
    const answers = await Promise.all(
      fields.map(async ({ entity, field, type }) => ({
        field: `${entity}.${field}`,
        sortable: types[type]!.sortable,
        status: (await admin.get(`/api/data/${entity}?limit=1&sort=${field}`)).status,
      })),
    );
    expect(answers.filter((a) => a.status !== (a.sortable ? 200 : 400))).toEqual([]);
    // The demo's entities have fields of both kinds, so the check above is not vacuous.
    expect(new Set(answers.map((a) => a.sortable))).toEqual(new Set([true, false]));
  });

  it("says which fields hold a record's id, as the OpenAPI document does", async () => {
    const doc = (await admin.get("/api/openapi.json")).body as {
      components: { schemas: Record<string, { properties?: Record<string, object> }> };
    };
    const mismatched = fields.filter(({ entity, field, type }) => {
      const schema = doc.components.schemas[entity]?.properties?.[field] ?? {};
      return "x-reference" in schema !== types[type]!.refersToRecords;
    });
    expect(mismatched).toEqual([]);
    expect(fields.some(({ type }) => types[type]!.refersToRecords)).toBe(true);
  });
});
