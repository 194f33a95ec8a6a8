import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient, TestResponse } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";
import { expectStatus, listAll, OrgFixture } from "../support/org-fixture.ts";

/**
 * Field rules of roles: a role-hidden field leaves no trace in answers or
 * metadata and is unknown to filters, sorts, payloads and `q`; a role-read-only
 * field is shown, marked read-only, and refused in writes with a 403 naming it.
 */

const hidden = ["creditLimit", "city", "phone", "code"] as const;
const readOnly = ["quality", "remark"] as const;
const customerActions = ["read", "create", "update"];

const fieldsOf = (rules: Record<string, string>) => ({
  modules: ["crm"],
  entities: { customer: { actions: customerActions, scope: "all", fields: rules } },
});
const mainRole = fieldsOf({
  creditLimit: "hidden",
  city: "hidden",
  phone: "hidden",
  code: "hidden",
  quality: "readOnly",
  remark: "readOnly",
});
/** Merged with mainRole: a field rule holds only where every role says it, the least restrictive one. */
const otherRole = fieldsOf({ creditLimit: "readOnly", city: "hidden", quality: "hidden" });

const full = {
  name: "Fields Hidden Trading",
  shortName: "FHT",
  creditLimit: "98765.43",
  city: "Zhoushan-secret",
  phone: "0571-9999 7777",
  quality: "B",
  remark: "visible remark",
};

const filterOn = (field: string, op = "eq", value: unknown = "x") =>
  `/api/data/customer?filter=${encodeURIComponent(JSON.stringify({ field, op, value }))}`;

function expectFieldProblem(res: TestResponse, field: string, rule: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.details.fields, res.text).toContainEqual(
    expect.objectContaining({ field, rule }),
  );
}

function expectReadOnly403(res: TestResponse, fields: string[]) {
  expect(res.status, res.text).toBe(403);
  const named = (res.body.error.details.fields as { field: string }[]).map((f) => f.field).sort();
  expect(named).toEqual([...fields].sort());
  for (const f of fields) expect(res.body.error.message).toContain(`"${f}"`);
}

describe("permissions: field rules", () => {
  let org: OrgFixture;
  let user: TestClient;
  let merged: TestClient;
  let recordId: string;
  let version: number;

  beforeAll(async () => {
    const engine = await testEngine();
    org = new OrgFixture(engine, await testCompany(engine, "pfl"));
    const main = await org.role("fields_main", mainRole);
    const other = await org.role("fields_other", otherRole);
    user = (await org.user("field_user", { roles: [main] })).client;
    merged = (await org.user("field_merged", { roles: [main, other] })).client;
    const created = await org.admin.post("/api/data/customer", full);
    expectStatus(created, 201);
    recordId = created.body.id as string;
    version = created.body.version as number;
    expect(created.body.creditLimit).toBe("98765.43");
    expect(created.body.code).toMatch(/^KH/);
  });

  describe("hidden", () => {
    it("is absent from GET and list answers", async () => {
      const one = await user.get(`/api/data/customer/${recordId}`);
      expectStatus(one, 200);
      const { items } = await listAll(user, "customer");
      expect(items.map((i) => i.id)).toEqual([recordId]);
      for (const answer of [one.body, items[0]!]) {
        for (const f of hidden) expect(Object.keys(answer), f).not.toContain(f);
        expect(answer.name).toBe(full.name);
        expect(answer.quality).toBe("B");
        for (const secret of ["98765", "Zhoushan-secret", "9999 7777", "KH"])
          expect(JSON.stringify(answer)).not.toContain(secret);
      }
      // The admin still sees them all: the data is kept, only this user's view lacks it.
      const admin = await org.admin.get(`/api/data/customer/${recordId}`);
      expect(admin.body.city).toBe(full.city);
    });

    it("is absent from /api/meta and /api/meta/entities/customer in every place", async () => {
      const meta = await user.get("/api/meta");
      const entity = await user.get("/api/meta/entities/customer");
      expectStatus(meta, 200);
      expectStatus(entity, 200);
      expect(meta.body.entities.customer).toEqual(entity.body);
      const view = entity.body;
      const form = view.form as Record<string, any>;
      const list = view.list as Record<string, any>;
      for (const f of hidden) {
        expect(Object.keys(view.fields), f).not.toContain(f);
        expect(form["ui:order"], f).not.toContain(f);
        for (const section of form["ui:sections"]) expect(section.fields, f).not.toContain(f);
        expect(Object.keys(form), f).not.toContain(f);
        expect(
          list.columns.map((c: { field: string }) => c.field),
          f,
        ).not.toContain(f);
        expect(list.filters ?? [], f).not.toContain(f);
        expect(
          (list.sort ?? []).map((s: string) => s.replace(/^-/, "")),
          f,
        ).not.toContain(f);
        expect(view.search, f).not.toContain(f);
        for (const locale of ["zh-CN", "en"]) {
          expect(Object.keys(view.labels[locale].fields ?? {}), f).not.toContain(f);
          expect(Object.keys(view.labels[locale].options ?? {}), f).not.toContain(f);
        }
      }
      // The numbering field is hidden, so is the numbering.
      expect(view.numbering).toBeNull();
      // Visible fields keep their places.
      expect(Object.keys(view.fields)).toContain("name");
      expect(form["ui:order"]).toContain("name");
      expect(list.columns.map((c: { field: string }) => c.field)).toContain("name");
      expect(view.search).toEqual(["name", "shortName"]);
      const admin = (await org.admin.get("/api/meta/entities/customer")).body;
      expect(Object.keys(admin.fields)).toEqual(expect.arrayContaining([...hidden]));
    });

    it("leaves no trace in the entity's metadata, help texts included", async () => {
      const view = (await user.get("/api/meta/entities/customer")).body;
      for (const locale of ["zh-CN", "en"])
        for (const f of hidden)
          expect(Object.keys(view.labels[locale].help ?? {}), f).not.toContain(f);
      // "creditLimit" names nothing else in the customer's metadata.
      expect(JSON.stringify(view)).not.toContain("creditLimit");
    });

    it("is absent from the user's OpenAPI document", async () => {
      const doc = await user.get("/api/openapi.json");
      expectStatus(doc, 200);
      expect(doc.text).not.toContain("creditLimit");
      expect(doc.text).toContain("shortName");
      expect((await org.admin.get("/api/openapi.json")).text).toContain("creditLimit");
    });

    it("is an unknown field to filters and sorts", async () => {
      for (const f of hidden) {
        const filtered = await user.get(filterOn(f, "isNull", true));
        expect(filtered.status, filtered.text).toBe(400);
        expect(filtered.body.error.message).toContain(`unknown field "${f}"`);
        for (const sort of [f, `-${f}`]) {
          const sorted = await user.get(`/api/data/customer?sort=${sort}`);
          expect(sorted.status, sorted.text).toBe(400);
          expect(sorted.body.error.message).toContain(`unknown field "${f}"`);
        }
        // For the admin the same requests are fine.
        expectStatus(await org.admin.get(filterOn(f, "isNull", true)), 200);
        expectStatus(await org.admin.get(`/api/data/customer?sort=${f}`), 200);
      }
      // A hidden field inside a nested condition is found too.
      const nested = { or: [{ field: "name", op: "eq", value: "x" }, { not: filterTree("city") }] };
      const res = await user.get(
        `/api/data/customer?filter=${encodeURIComponent(JSON.stringify(nested))}`,
      );
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.message).toContain('unknown field "city"');
    });

    it("is an unknown field in POST and PATCH payloads", async () => {
      for (const f of ["creditLimit", "city", "phone"] as const) {
        const post = await user.post("/api/data/customer", { name: "P", [f]: full[f] });
        expectFieldProblem(post, f, "unknown");
        const patch = await user.patch(
          `/api/data/customer/${recordId}`,
          { [f]: full[f] },
          { "if-match": `"${version}"` },
        );
        expectFieldProblem(patch, f, "unknown");
      }
      // Nothing was written.
      const again = await org.admin.get(`/api/data/customer/${recordId}`);
      expect(again.body.version).toBe(version);
      expect(again.body.city).toBe(full.city);
    });

    it("is left out of the current record a stale PATCH answers with", async () => {
      const stale = await user.patch(
        `/api/data/customer/${recordId}`,
        { shortName: "stale" },
        { "if-match": `"${version + 50}"` },
      );
      expect(stale.status, stale.text).toBe(409);
      expect(stale.body.error.details.current.id).toBe(recordId);
      for (const f of hidden)
        expect(Object.keys(stale.body.error.details.current)).not.toContain(f);
      expect(stale.text).not.toContain("98765");
    });

    it("in the entity's default sort leaves the plain list working", async () => {
      const role = await org.role("sort_hidden", {
        modules: ["crm", "sales"],
        entities: {
          product: { actions: ["read"], scope: "all", fields: { code: "hidden" } },
          activity: { actions: ["read"], scope: "all", fields: { startAt: "hidden" } },
        },
      });
      const reader = (await org.user("sort_reader", { roles: [role] })).client;
      expectStatus(
        await org.admin.post("/api/data/product", { code: "P-S-1", name: "Sorted" }),
        201,
      );
      const meta = (await reader.get("/api/meta/entities/product")).body;
      expect(meta.list.sort ?? []).not.toContain("code");
      const products = await reader.get("/api/data/product");
      expectStatus(products, 200);
      expect(products.body.items.map((p: { name: string }) => p.name)).toEqual(["Sorted"]);
      expect(Object.keys(products.body.items[0])).not.toContain("code");
      expectStatus(await reader.get("/api/data/activity"), 200);
    });

    it("is not searched by q", async () => {
      const count = async (client: TestClient, q: string) => {
        const res = await client.get(`/api/data/customer?q=${encodeURIComponent(q)}`);
        expectStatus(res, 200);
        return res.body.total as number;
      };
      // phone and code are search fields: the admin finds the record through them.
      expect(await count(org.admin, "9999 7777")).toBe(1);
      expect(await count(org.admin, "KH")).toBe(1);
      expect(await count(user, "9999 7777")).toBe(0);
      expect(await count(user, "KH")).toBe(0);
      expect(await count(user, "Hidden Trading")).toBe(1);
      expect(await count(user, "FHT")).toBe(1);
    });
  });

  describe("read-only", () => {
    it("is shown, with its value, and marked readOnly in the metadata", async () => {
      const view = (await user.get("/api/meta/entities/customer")).body;
      for (const f of readOnly) {
        expect(view.fields[f]?.readOnly, f).toBe(true);
        expect(view.form["ui:order"]).toContain(f);
      }
      expect(view.fields.name.readOnly ?? false).toBe(false);
      const admin = (await org.admin.get("/api/meta/entities/customer")).body;
      expect(admin.fields.quality.readOnly ?? false).toBe(false);
      const record = (await user.get(`/api/data/customer/${recordId}`)).body;
      expect(record.quality).toBe("B");
      expect(record.remark).toBe("visible remark");
      const filtered = await user.get(filterOn("quality", "eq", "B"));
      expectStatus(filtered, 200);
      expect(filtered.body.total).toBe(1);
      expectStatus(await user.get("/api/data/customer?sort=-quality"), 200);
    });

    it("is refused in POST and PATCH with a 403 naming it", async () => {
      expectReadOnly403(await user.post("/api/data/customer", { name: "R", quality: "A" }), [
        "quality",
      ]);
      expectReadOnly403(
        await user.post("/api/data/customer", { name: "R", quality: "A", remark: "r" }),
        ["quality", "remark"],
      );
      const ifMatch = { "if-match": `"${version}"` };
      const url = `/api/data/customer/${recordId}`;
      expectReadOnly403(await user.patch(url, { remark: "changed" }, ifMatch), ["remark"]);
      expectReadOnly403(await user.patch(url, { quality: "A", shortName: "X" }, ifMatch), [
        "quality",
      ]);
      // Even a value equal to the current one: the refusal is about the right, not the value.
      expectReadOnly403(await user.patch(url, { quality: "B" }, ifMatch), ["quality"]);
      const after = (await org.admin.get(url)).body;
      expect(after.version).toBe(version);
      expect(after.quality).toBe("B");
      expect(after.shortName).toBe("FHT");
      // Without it, the same user writes.
      const ok = await user.patch(url, { shortName: "FHT2" }, ifMatch);
      expectStatus(ok, 200);
      version = ok.body.version as number;
      const created = await user.post("/api/data/customer", { name: "Created without rules" });
      expectStatus(created, 201);
      expect(created.body.quality).toBeNull();
      // The number is still assigned, though this user cannot see it.
      expect(Object.keys(created.body)).not.toContain("code");
      const seen = await org.admin.get(`/api/data/customer/${created.body.id as string}`);
      expect(seen.body.code).toMatch(/^KH\d{6}-\d{4}$/);
    });
  });

  it("a read-only or hidden field still gets its default on create", async () => {
    const role = await org.role("defaults", {
      modules: ["crm", "sales"],
      entities: {
        product: {
          actions: ["read", "create"],
          scope: "all",
          fields: { unit: "hidden", isActive: "readOnly" },
        },
        customer: { actions: ["read", "create"], scope: "own", fields: { isKeyAccount: "hidden" } },
      },
    });
    const creator = (await org.user("defaults_user", { roles: [role] })).client;
    const byAdmin = await org.admin.post("/api/data/product", { code: "P-D-0", name: "Admin's" });
    expect(byAdmin.body).toMatchObject({ unit: "pcs", isActive: true });
    const product = await creator.post("/api/data/product", { code: "P-D-1", name: "Defaults" });
    expectStatus(product, 201);
    expect(product.body.isActive).toBe(true);
    const stored = (await org.admin.get(`/api/data/product/${product.body.id as string}`)).body;
    expect(stored).toMatchObject({ unit: "pcs", isActive: true });
    const customer = await creator.post("/api/data/customer", { name: "Defaults customer" });
    expectStatus(customer, 201);
    const kept = (await org.admin.get(`/api/data/customer/${customer.body.id as string}`)).body;
    expect(kept.isKeyAccount).toBe(false);
  });

  describe("merged roles", () => {
    it("apply a field rule only where every role says it, the least restrictive one", async () => {
      const view = (await merged.get("/api/meta/entities/customer")).body;
      // creditLimit: hidden + readOnly → readOnly; city: hidden + hidden → hidden;
      // phone, code, remark: only one role → none; quality: readOnly + hidden → readOnly.
      expect(view.fields.creditLimit?.readOnly).toBe(true);
      expect(view.fields.city).toBeUndefined();
      expect(view.fields.phone).toBeDefined();
      expect(view.fields.phone.readOnly ?? false).toBe(false);
      expect(view.fields.remark.readOnly ?? false).toBe(false);
      expect(view.fields.quality.readOnly).toBe(true);
      const record = (await merged.get(`/api/data/customer/${recordId}`)).body;
      expect(record.creditLimit).toBe("98765.43");
      expect(record.phone).toBe(full.phone);
      expect(Object.keys(record)).not.toContain("city");
      const url = `/api/data/customer/${recordId}`;
      const ifMatch = { "if-match": `"${version}"` };
      expectReadOnly403(await merged.patch(url, { creditLimit: "1.00" }, ifMatch), ["creditLimit"]);
      expectFieldProblem(await merged.patch(url, { city: "x" }, ifMatch), "city", "unknown");
      const ok = await merged.patch(url, { phone: "0571-1111 2222", remark: "m" }, ifMatch);
      expectStatus(ok, 200);
      version = ok.body.version as number;
    });
  });

  describe("role validation", () => {
    const roleWith = (actions: string[], rules: Record<string, string>) => ({
      modules: ["crm"],
      entities: { customer: { actions, scope: "own", fields: rules } },
    });
    const tryRole = (key: string, permissions: unknown) =>
      org.admin.post("/api/admin/roles", { key, name: key, permissions });

    it("refuses a required field without default made read-only (or hidden) by a role that creates", async () => {
      for (const rule of ["readOnly", "hidden"]) {
        const res = await tryRole(
          `bad_${rule.toLowerCase()}`,
          roleWith(["read", "create"], {
            shortName: "readOnly",
            name: rule,
          }),
        );
        expect(res.status, res.text).toBe(400);
        expect(res.body.error.code).toBe("invalid_permissions");
        const pointers = (res.body.error.details.problems as { pointer: string }[]).map(
          (p) => p.pointer,
        );
        expect(pointers).toContain("/entities/customer/fields/name");
        expect(pointers).not.toContain("/entities/customer/fields/shortName");
      }
      // Without create the same rule is fine; a not-required field is fine with create.
      expectStatus(
        await tryRole("reads_name_ro", roleWith(["read", "update"], { name: "readOnly" })),
        201,
      );
      expectStatus(
        await tryRole("creates_ro", roleWith(["read", "create"], { shortName: "readOnly" })),
        201,
      );
    });

    it("refuses the same when a role change adds create", async () => {
      const id = await org.role("grows", roleWith(["read", "update"], { name: "readOnly" }));
      const res = await org.admin.patch(`/api/admin/roles/${id}`, {
        permissions: roleWith(["read", "update", "create"], { name: "readOnly" }),
      });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe("invalid_permissions");
    });
  });
});

function filterTree(field: string) {
  return { field, op: "eq", value: "x" };
}
