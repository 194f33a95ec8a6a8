import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { expectStatus, OrgFixture } from "../support/org-fixture.ts";
import { namePairs, phonePairs } from "../support/duplicate-pairs.ts";

/**
 * The duplicate check (issue 16, item 6): possible duplicates of a form's
 * values by normalised name, phone and e-mail, found among the records the
 * user may see; warn lets the save through, block refuses it with 409
 * naming only what the user may see; the company's option turns it off.
 */

interface Found {
  mode: string;
  duplicates: { id: string; record: Record<string, unknown>; fields: string[] }[];
  hidden: number;
}

let engine: TestEngine;
let org: OrgFixture;
let admin: TestClient;
/** Sees and writes only the customers they own. */
let own: { id: string; client: TestClient };

const create = async (client: TestClient, values: Record<string, unknown>) => {
  const res = await client.post("/api/data/customer", values);
  expectStatus(res, 201, "create customer");
  return res.body.id as string;
};
const find = async (client: TestClient, values: Record<string, unknown>, except?: string) => {
  const res = await client.post("/api/data/customer/duplicates", {
    values,
    ...(except ? { except } : {}),
  });
  expectStatus(res, 200, "duplicates");
  return res.body as Found;
};
const setCheck = async (fields: string[], mode: "warn" | "block") =>
  expectStatus(
    await admin.send("PUT", "/api/admin/entities/customer/duplicate-check", { fields, mode }),
    200,
    "duplicate check",
  );

beforeAll(async () => {
  engine = await testEngine();
  org = new OrgFixture(engine, await testCompany(engine, "dup"));
  admin = org.admin;
  const role = await org.role("own_customers", {
    modules: ["crm"],
    entities: { customer: { actions: ["read", "create", "update"], scope: "own" } },
  });
  own = await org.user("own", { roles: [role] });
});

describe("the pair table through the API", () => {
  it.each(namePairs)("name %s ~ %s: %s", async (a, b, same) => {
    const id = await create(admin, { name: a });
    const found = await find(admin, { name: b });
    expect(found.duplicates.some((d) => d.id === id)).toBe(same);
    if (same) expect(found.duplicates.find((d) => d.id === id)!.fields).toEqual(["name"]);
    expectStatus(await admin.delete(`/api/data/customer/${id}`), 204);
  });

  it.each(phonePairs)("phone %s ~ %s: %s", async (a, b, same) => {
    const id = await create(admin, { name: `电话测试 ${b}`, phone: b });
    // A phone number meets the same number in another phone field; a form's value is compared as typed.
    const found = await find(admin, { name: "另一家", mobile: a });
    expect(found.duplicates.some((d) => d.id === id)).toBe(same);
    if (same) expect(found.duplicates.find((d) => d.id === id)!.fields).toEqual(["mobile"]);
    expectStatus(await admin.delete(`/api/data/customer/${id}`), 204);
  });
});

describe("warn, block and the option", () => {
  it("warns: the answer names the duplicate, and the create goes through", async () => {
    const first = await create(admin, { name: "杭州明远贸易有限公司", email: "Sales@MingYuan.cn" });
    const found = await find(admin, { name: "明远贸易", email: "sales@mingyuan.cn" });
    expect(found.mode).toBe("warn");
    expect(found.duplicates.map((d) => [d.id, d.fields])).toEqual([[first, ["name", "email"]]]);
    expect(found.duplicates[0]!.record.name).toBe("杭州明远贸易有限公司");
    await create(admin, { name: "明远贸易" });
  });

  it("blocks creates and edits with 409 duplicate_record; a record is no duplicate of itself", async () => {
    await setCheck(["name", "phone", "mobile"], "block");
    const first = await create(admin, { name: "宁波海星电子有限公司", phone: "0574-8765 4321" });
    const refused = await admin.post("/api/data/customer", { name: "海星电子股份有限公司" });
    expectStatus(refused, 409, "blocked create");
    expect(refused.body.error.code).toBe("duplicate_record");
    expect(refused.body.error.message).toContain("宁波海星电子有限公司");
    expect(refused.body.error.details.duplicates.map((d: { id: string }) => d.id)).toEqual([first]);
    const other = await create(admin, { name: "温州海风电器" });
    const edit = await admin.patch(
      `/api/data/customer/${other}`,
      { mobile: "+86 574 87654321" },
      { "if-match": '"1"' },
    );
    expectStatus(edit, 409, "blocked edit");
    expect(edit.body.error.details.duplicates[0].fields).toEqual(["mobile"]);
    // Changing the record itself, its own values do not count.
    expectStatus(
      await admin.patch(`/api/data/customer/${first}`, { remark: "x" }, { "if-match": '"1"' }),
      200,
    );
    expect((await find(admin, { name: "海星电子" }, first)).duplicates).toEqual([]);
  });

  it("tells a user who may not see the duplicate only that one exists", async () => {
    const res = await own.client.post("/api/data/customer", { name: "海星电子" });
    expectStatus(res, 409, "blocked for a user who cannot see it");
    expect(res.body.error.message).not.toContain("宁波");
    expect(res.body.error.details).toEqual({ duplicates: [], hidden: 1 });
    const found = await find(own.client, { name: "宁波海星电子" });
    expect(found).toEqual({ mode: "block", duplicates: [], hidden: 1 });
  });

  it("compares no field the user's role hides", async () => {
    const role = await org.role("no_phone", {
      modules: ["crm"],
      entities: { customer: { actions: ["read"], scope: "all", fields: { phone: "hidden" } } },
    });
    const reader = await org.user("nophone", { roles: [role] });
    const values = { phone: "0574 87654321" };
    expect((await find(admin, values)).duplicates).toHaveLength(1);
    expect(await find(reader.client, values)).toEqual({ mode: "block", duplicates: [], hidden: 0 });

    // Phone keys are shared by phone and mobile: a match through the hidden mobile names no record.
    const noMobile = await org.role("no_mobile", {
      modules: ["crm"],
      entities: { customer: { actions: ["read"], scope: "all", fields: { mobile: "hidden" } } },
    });
    const prober = await org.user("nomobile", { roles: [noMobile] });
    await create(admin, { name: "隐藏手机公司", mobile: "139 0000 1111" });
    const probe = { phone: "13900001111" };
    expect((await find(admin, probe)).duplicates).toHaveLength(1);
    expect((await find(prober.client, probe)).duplicates).toEqual([]);
  });

  it("checks nothing when the company turns the option off", async () => {
    expectStatus(await admin.patch("/api/admin/options", { duplicateCheck: false }), 200);
    expect(await find(admin, { name: "海星电子" })).toEqual({
      mode: "off",
      duplicates: [],
      hidden: 0,
    });
    await create(admin, { name: "海星电子" });
    expectStatus(await admin.patch("/api/admin/options", { duplicateCheck: true }), 200);
    await setCheck(["name", "phone", "mobile", "email"], "warn");
  });

  it("refuses fields that cannot identify a duplicate, naming them", async () => {
    const res = await admin.send("PUT", "/api/admin/entities/customer/duplicate-check", {
      fields: ["employees"],
      mode: "warn",
    });
    expectStatus(res, 400);
    expect(res.text).toContain("employees");
    expect(
      (await admin.send("PUT", "/api/admin/entities/customer/duplicate-check", { fields: "name" }))
        .status,
    ).toBe(400);
  });

  it("computes the keys of existing rows when the fields change", async () => {
    const id = await create(admin, { name: "某公司", keyContact: "王小明" });
    expect((await find(admin, { keyContact: "王小明" })).duplicates).toEqual([]);
    await setCheck(["name", "keyContact"], "warn");
    const found = await find(admin, { keyContact: "王小明" });
    expect(found.duplicates.map((d) => d.id)).toEqual([id]);
    await setCheck(["name", "phone", "mobile", "email"], "warn");
  });
});
