import { beforeAll, describe, expect, it } from "vitest";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/** Adds a user who is not a company admin and returns a client logged in as that user. */
async function loggedInClerk(
  engine: TestEngine,
  slug: string,
  username = "clerk",
): Promise<TestClient> {
  const password = "clerk-password-1";
  await addStaffUser(engine, slug, username, password);
  const client = new TestClient(engine.app);
  await client.login(slug, username, password);
  return client;
}

/** GET /api/meta, checking that the X-Meta-Version header matches the body's version. */
async function meta(client: TestClient): Promise<TestResponse> {
  const res = await client.get("/api/meta");
  expect(res.status).toBe(200);
  expect(res.headers.get("x-meta-version")).toBe(res.body.version);
  return res;
}

const addField = (admin: TestClient, body: Record<string, unknown>, entity = "customer") =>
  admin.post(`/api/admin/entities/${entity}/fields`, body);

describe("company metadata administration", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let clerk: TestClient;

  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "adm");
    clerk = await loggedInClerk(engine, a.slug);
  });

  it("adds a custom field, live for a user already logged in", async () => {
    const before = await meta(clerk);
    expect(before.body.entities.customer.fields.x_wechat).toBeUndefined();
    const listBefore = await clerk.get("/api/data/customer");
    expect(listBefore.headers.get("x-meta-version")).toBe(before.body.version);

    const added = await addField(a.admin, {
      key: "x_wechat",
      type: "text",
      maxLength: 50,
      labels: { "zh-CN": "微信", en: "WeChat" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ key: "x_wechat", field: { type: "text", maxLength: 50 } });

    const after = await meta(clerk);
    // A user's metadata version is their own view's: it changes with the admin's change.
    expect(after.body.version).not.toBe(before.body.version);
    const customer = after.body.entities.customer;
    expect(customer.fields.x_wechat).toEqual({ type: "text", maxLength: 50 });
    expect(customer.labels["zh-CN"].fields.x_wechat).toBe("微信");
    expect(customer.labels.en.fields.x_wechat).toBe("WeChat");
    expect((await clerk.get("/api/meta/entities/customer")).body.fields.x_wechat).toEqual({
      type: "text",
      maxLength: 50,
    });

    const created = await clerk.post("/api/data/customer", {
      name: "宁波海曙贸易有限公司",
      x_wechat: "nbhs_trade",
    });
    expect(created.status).toBe(201);
    expect(created.body.x_wechat).toBe("nbhs_trade");
    // Every authenticated answer names the metadata version, so the client notices the change.
    expect(created.headers.get("x-meta-version")).toBe(after.body.version);
    const read = await clerk.get(`/api/data/customer/${created.body.id}`);
    expect(read.body.x_wechat).toBe("nbhs_trade");
    const tooLong = await clerk.post("/api/data/customer", {
      name: "长微信号",
      x_wechat: "w".repeat(51),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fields[0].field).toBe("x_wechat");
    expect(tooLong.headers.get("x-meta-version")).toBe(after.body.version);
    expect((await clerk.get("/api/auth/me")).headers.get("x-meta-version")).toBe(
      after.body.version,
    );
  });

  it("renames a label, live for another logged-in user", async () => {
    const res = await a.admin.patch("/api/admin/entities/customer/labels", {
      "zh-CN": { fields: { name: "公司名称" } },
    });
    expect(res.status).toBe(200);
    const labels = (await meta(clerk)).body.entities.customer.labels;
    expect(labels["zh-CN"].fields.name).toBe("公司名称");
    expect(labels["zh-CN"].fields.city).toBe("城市");
    expect(labels.en.fields.name).toBe("Company name");
  });

  it("keeps one company's changes away from another company", async () => {
    expect((await addField(a.admin, { key: "x_qq", type: "text" })).status).toBe(201);
    const relabel = await a.admin.patch("/api/admin/entities/customer/labels", {
      en: { fields: { city: "Town" } },
    });
    expect(relabel.status).toBe(200);
    expect((await meta(clerk)).body.entities.customer.labels.en.fields.city).toBe("Town");

    const b = await testCompany(engine, "oth");
    const customer = (await meta(b.admin)).body.entities.customer;
    expect(customer.fields.x_qq).toBeUndefined();
    expect(customer.fields.x_wechat).toBeUndefined();
    expect(customer.labels.en.fields.city).toBe("City");
    expect(customer.labels["zh-CN"].fields.name).toBe("客户名称");
    const write = await b.admin.post("/api/data/customer", { name: "Other Co", x_qq: "12345" });
    expect(write.status).toBe(400);
    expect(write.body.error.details.fields).toEqual([
      expect.objectContaining({ field: "x_qq", rule: "unknown" }),
    ]);
  });

  it("refuses invalid field definitions with 400 naming the problem, writing nothing", async () => {
    const { head } = (await a.admin.get("/api/admin/metadata")).body;
    const badKey = await addField(a.admin, { key: "wechat", type: "text" });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.details.fields[0].field).toBe("key");
    expect(badKey.text).toContain("x_");
    expect((await addField(a.admin, { key: "x_WeChat", type: "text" })).status).toBe(400);
    expect((await addField(a.admin, { type: "text" })).status).toBe(400);

    const badType = await addField(a.admin, { key: "x_bad", type: "txet" });
    expect(badType.status).toBe(400);
    expect(badType.body.error.message).toContain('unknown field type "txet"');
    expect(badType.body.error.details.problems).toEqual([
      {
        source: `overlay version ${head + 1}`,
        pointer: "/entities/customer/fields/x_bad/type",
        rule: 'unknown field type "txet"',
      },
    ]);

    const noOptions = await addField(a.admin, { key: "x_level", type: "enum" });
    expect(noOptions.status).toBe(400);
    expect(noOptions.body.error.message).toContain("options");
    expect(noOptions.body.error.details.problems[0].pointer).toBe(
      "/entities/customer/fields/x_level/options",
    );

    const wrongProperty = await addField(a.admin, {
      key: "x_count",
      type: "integer",
      maxLength: 5,
    });
    expect(wrongProperty.status).toBe(400);
    expect(wrongProperty.body.error.message).toContain('property "maxLength" does not apply');
    const badDefault = await addField(a.admin, { key: "x_size", type: "integer", default: "big" });
    expect(badDefault.status).toBe(400);
    expect(badDefault.body.error.details.problems[0].pointer).toBe(
      "/entities/customer/fields/x_size/default",
    );
    expect((await addField(a.admin, { key: "x_nope", type: "text" }, "order")).status).toBe(404);
    // Names that Object.prototype has are not entities or fields either.
    expect((await addField(a.admin, { key: "x_nope", type: "text" }, "constructor")).status).toBe(
      404,
    );
    const proto = await a.admin.patch("/api/admin/entities/customer/fields/toString", {
      hidden: true,
    });
    expect(proto.status).toBe(404);

    const after = (await a.admin.get("/api/admin/metadata")).body;
    expect(after.head).toBe(head);
    expect(after.versions[0].version).toBe(head);
    expect((await meta(clerk)).body.entities.customer.fields).not.toHaveProperty("x_level");
  });

  it("refuses a key already used with 409", async () => {
    expect((await addField(a.admin, { key: "x_dup", type: "text" })).status).toBe(201);
    const again = await addField(a.admin, { key: "x_dup", type: "integer" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("key_used");
    expect((await meta(clerk)).body.entities.customer.fields.x_dup).toEqual({ type: "text" });
  });

  it("hides a field from answers and writes, keeping its data for when it comes back", async () => {
    const created = await clerk.post("/api/data/customer", {
      name: "温州瓯海电器厂",
      fax: "0577-8888 1235",
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const hide = await a.admin.patch("/api/admin/entities/customer/fields/fax", { hidden: true });
    expect(hide.status).toBe(200);
    expect((await meta(clerk)).body.entities.customer.fields).not.toHaveProperty("fax");
    expect((await clerk.get("/api/meta/entities/customer")).body.fields).not.toHaveProperty("fax");
    const read = await clerk.get(`/api/data/customer/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty("fax");
    const list = await clerk.get("/api/data/customer");
    expect(list.body.items.some((r: Record<string, unknown>) => "fax" in r)).toBe(false);
    const write = await clerk.post("/api/data/customer", {
      name: "Hidden Fax Co",
      fax: "0571-1234567",
    });
    expect(write.status).toBe(400);
    expect(write.body.error.details.fields).toEqual([
      expect.objectContaining({ field: "fax", rule: "unknown" }),
    ]);
    const patch = await clerk.patch(
      `/api/data/customer/${id}`,
      { fax: "0571-1234567" },
      { "if-match": `"${read.body.version}"` },
    );
    expect(patch.status).toBe(400);

    const show = await a.admin.patch("/api/admin/entities/customer/fields/fax", { hidden: false });
    expect(show.status).toBe(200);
    expect((await meta(clerk)).body.entities.customer.fields.fax).toMatchObject({ type: "phone" });
    expect((await clerk.get(`/api/data/customer/${id}`)).body.fax).toBe("0577-8888 1235");
  });

  it("rolls back to an earlier version as a new version", async () => {
    const start = (await a.admin.get("/api/admin/metadata")).body;
    const startVersion = (await meta(clerk)).body.version;
    expect((await addField(a.admin, { key: "x_roll", type: "date" })).status).toBe(201);
    expect((await meta(clerk)).body.entities.customer.fields.x_roll).toEqual({ type: "date" });

    const rollback = await a.admin.post("/api/admin/metadata/rollback", { version: start.head });
    expect(rollback.status).toBe(200);
    expect(rollback.body.head).toBe(start.head + 2);
    expect(rollback.body.metaVersion).toBe(start.metaVersion);

    const after = (await a.admin.get("/api/admin/metadata")).body;
    expect(after.head).toBe(start.head + 2);
    expect(after.versions.map((v: { version: number }) => v.version)).toEqual([
      start.head + 2,
      start.head + 1,
      ...start.versions.map((v: { version: number }) => v.version),
    ]);
    expect(after.versions[0].note).toContain(String(start.head));
    const now = await meta(clerk);
    expect(now.body.version).toBe(startVersion);
    expect(now.body.entities.customer.fields).not.toHaveProperty("x_roll");
    // The rolled-back key stays used: its column is still there.
    expect((await addField(a.admin, { key: "x_roll", type: "text" })).status).toBe(409);
    expect((await a.admin.post("/api/admin/metadata/rollback", { version: 9999 })).status).toBe(
      404,
    );
    expect((await a.admin.post("/api/admin/metadata/rollback", { version: "1" })).status).toBe(400);
  });

  it("gives a user who is not an admin 403 on every admin route", async () => {
    const answers = [
      await clerk.get("/api/admin/metadata"),
      await clerk.get("/api/admin/metadata/versions/0"),
      await addField(clerk, { key: "x_clerk", type: "text" }),
      await clerk.patch("/api/admin/entities/customer/fields/fax", { hidden: true }),
      await clerk.patch("/api/admin/entities/customer/labels", {
        en: { fields: { name: "Mine" } },
      }),
      await clerk.post("/api/admin/metadata/rollback", { version: 0 }),
    ];
    expect(answers.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(answers[0]!.body.error.code).toBe("forbidden");
    const customer = (await meta(clerk)).body.entities.customer;
    expect(customer.fields).not.toHaveProperty("x_clerk");
    expect(customer.fields).toHaveProperty("fax");
  });

  it("lets a second engine process see a change made through the first on its next request", async () => {
    const other = await testEngine();
    const elsewhere = new TestClient(other.app);
    elsewhere.cookie = clerk.cookie;
    const before = await meta(elsewhere);
    expect(before.body.entities.customer.fields).not.toHaveProperty("x_process");

    const added = await addField(a.admin, {
      key: "x_process",
      type: "integer",
      labels: { en: "Process" },
    });
    expect(added.status).toBe(201);
    const after = await meta(elsewhere);
    expect(after.body.version).not.toBe(before.body.version);
    expect(after.body.entities.customer.fields.x_process).toEqual({ type: "integer" });
    expect(after.body.entities.customer.labels.en.fields.x_process).toBe("Process");
    const created = await elsewhere.post("/api/data/customer", {
      name: "Second Engine Co",
      x_process: 7,
    });
    expect(created.status).toBe(201);
    expect(created.body.x_process).toBe(7);
  });
});
