import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

let admin: TestClient;

beforeAll(async () => {
  ({ admin } = await testCompany(await testEngine(), "g"));
});

const versionCount = async () => (await admin.get("/api/admin/metadata")).body.versions.length;

describe("admin changes that would break stored data are refused", () => {
  it("a custom field's target, and its type into one that converts nothing, cannot change", async () => {
    expect(
      (await admin.post("/api/admin/entities/customer/fields", { key: "x_wx", type: "text" }))
        .status,
    ).toBe(201);
    const before = await versionCount();
    const retype = await admin.patch("/api/admin/entities/customer/fields/x_wx", {
      type: "json",
    });
    expect(retype.status).toBe(400);
    expect(retype.body.error.details.problems[0]).toMatchObject({
      pointer: "/entities/customer/fields/x_wx/type",
    });
    const ref = { key: "x_ref", type: "reference", entity: "customer" };
    expect((await admin.post("/api/admin/entities/product/fields", ref)).status).toBe(201);
    const retarget = await admin.patch("/api/admin/entities/product/fields/x_ref", {
      entity: "contact",
    });
    expect(retarget.status).toBe(400);
    expect(retarget.body.error.message).toMatch(/"entity" of field "x_ref" cannot change/);
    expect(await versionCount()).toBe(before + 1);
  });

  it("making a field unique while records share a value is a 409 naming the field", async () => {
    await admin.post("/api/admin/entities/customer/fields", { key: "x_u", type: "text" });
    for (const name of ["甲", "乙"]) await admin.post("/api/data/customer", { name, x_u: "same" });
    const unique = await admin.patch("/api/admin/entities/customer/fields/x_u", { unique: true });
    expect(unique.status).toBe(409);
    expect(unique.body.error).toMatchObject({
      code: "existing_duplicates",
      details: { field: "x_u" },
    });
    const meta = await admin.get("/api/meta/entities/customer");
    expect(meta.body.fields.x_u.unique).toBeUndefined();
  });

  it("the title field cannot be hidden", async () => {
    const hide = await admin.patch("/api/admin/entities/customer/fields/name", { hidden: true });
    expect(hide.status).toBe(400);
    expect(hide.body.error.message).toMatch(/title field "name" cannot be hidden/);
  });

  it("a change that changes nothing writes no version", async () => {
    const before = await versionCount();
    const same = await admin.patch("/api/admin/entities/customer/labels", {});
    expect(same.status).toBe(200);
    expect(await versionCount()).toBe(before);
  });
});
