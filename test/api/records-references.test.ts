import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

let engine: TestEngine;
let admin: TestClient;

beforeAll(async () => {
  engine = await testEngine();
  ({ admin } = await testCompany(engine));
});

async function create(entity: string, body: Record<string, unknown>) {
  const res = await admin.post(`/api/data/${entity}`, body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const customer = (name: string) => create("customer", { name });
const contact = (customerId: string, name: string) =>
  create("contact", { customer: customerId, name });
const activity = (customerId: string, subject: string, contactId?: string) =>
  create("activity", {
    subject,
    customer: customerId,
    ...(contactId ? { contact: contactId } : {}),
    startAt: "2026-12-01T01:00:00Z",
  });

describe("metadata this file relies on", () => {
  it("declares the onDelete rules tested below", async () => {
    const fields = async (entity: string) =>
      (await admin.get(`/api/meta/entities/${entity}`)).body.fields;
    expect((await fields("activity")).customer).toMatchObject({
      entity: "customer",
      onDelete: "restrict",
    });
    expect((await fields("activity")).contact).toMatchObject({
      entity: "contact",
      onDelete: "setNull",
    });
    expect((await fields("contact")).customer).toMatchObject({
      entity: "customer",
      onDelete: "cascade",
    });
    expect((await fields("product")).code).toMatchObject({ unique: true });
  });
});

describe("_display", () => {
  it("gives the titles of referenced records and of the owner", async () => {
    const c = await customer("温州瓯江贸易有限公司");
    const p = await contact(c.id, "陈静");
    expect(p.customer).toBe(c.id);
    expect(p._display).toEqual({
      customer: "温州瓯江贸易有限公司",
      owner: "admin",
      createdBy: "admin",
      updatedBy: "admin",
    });
    const a = await activity(c.id, "First visit", p.id);
    expect(a._display).toMatchObject({
      customer: "温州瓯江贸易有限公司",
      contact: "陈静",
      owner: "admin",
    });
    expect((await admin.get(`/api/data/activity/${a.id}`)).body._display).toEqual(a._display);
  });

  it("omits titles of empty references", async () => {
    const c = await customer("No Contact Ltd");
    const a = await activity(c.id, "Cold call");
    expect(a.contact).toBeNull();
    expect(a._display).toEqual({
      customer: "No Contact Ltd",
      owner: "admin",
      createdBy: "admin",
      updatedBy: "admin",
    });
  });

  it("follows a renamed record, in get and in list", async () => {
    const c = await customer("Old Name Co");
    const p = await contact(c.id, "Zhang Wei");
    await admin.patch(`/api/data/customer/${c.id}`, { name: "New Name Co" }, { "if-match": '"1"' });
    expect((await admin.get(`/api/data/contact/${p.id}`)).body._display.customer).toBe(
      "New Name Co",
    );
    const list = await admin.get("/api/data/contact?limit=200");
    const item = list.body.items.find((r: { id: string }) => r.id === p.id);
    expect(item._display.customer).toBe("New Name Co");
  });

  it("gives each list item the title of its own reference", async () => {
    const { admin: fresh } = await testCompany(engine, "disp");
    const names = ["Alpha Co", "Beta Co", "Gamma Co"];
    for (const name of names) {
      const c = await fresh.post("/api/data/customer", { name });
      await fresh.post("/api/data/contact", { customer: c.body.id, name: `Boss of ${name}` });
      await fresh.post("/api/data/contact", { customer: c.body.id, name: `Clerk of ${name}` });
    }
    const list = await fresh.get("/api/data/contact");
    expect(list.body.total).toBe(6);
    for (const item of list.body.items) {
      expect(item.name).toMatch(new RegExp(` of ${item._display.customer}$`));
    }
  });

  it("lets a patch move a reference and updates its title", async () => {
    const a = await customer("Before Co");
    const b = await customer("After Co");
    const p = await contact(a.id, "Mover");
    const moved = await admin.patch(
      `/api/data/contact/${p.id}`,
      { customer: b.id },
      { "if-match": '"1"' },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ customer: b.id, _display: { customer: "After Co" } });
    const ghost = "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee";
    const bad = await admin.patch(
      `/api/data/contact/${p.id}`,
      { customer: ghost },
      { "if-match": '"2"' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual([
      { field: "customer", rule: "reference", message: `no customer with id ${ghost}` },
    ]);
    const cleared = await admin.patch(
      `/api/data/contact/${p.id}`,
      { customer: null },
      { "if-match": '"2"' },
    );
    expect(cleared.status).toBe(400);
    expect(cleared.body.error.details.fields[0]).toMatchObject({
      field: "customer",
      rule: "required",
    });
  });
});

describe("delete rules", () => {
  it("restrict: a customer with activities cannot be deleted, and nothing is deleted", async () => {
    const c = await customer("Busy Customer");
    const p = await contact(c.id, "Busy Contact");
    await activity(c.id, "Call 1");
    await activity(c.id, "Call 2", p.id);
    const res = await admin.delete(`/api/data/customer/${c.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("referenced");
    expect(res.body.error.details.references).toEqual([
      { entity: "activity", field: "customer", count: 2 },
    ]);
    expect(res.body.error.message).toMatch(/activity/);
    expect((await admin.get(`/api/data/customer/${c.id}`)).body.name).toBe("Busy Customer");
    expect((await admin.get(`/api/data/contact/${p.id}`)).status).toBe(200);
  });

  it("restrict: deleting becomes possible once the activities are gone", async () => {
    const c = await customer("Soon Free");
    const a = await activity(c.id, "Last call");
    expect((await admin.delete(`/api/data/customer/${c.id}`)).status).toBe(409);
    expect((await admin.delete(`/api/data/activity/${a.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/data/customer/${c.id}`)).status).toBe(204);
    expect((await admin.get(`/api/data/customer/${c.id}`)).status).toBe(404);
  });

  it("cascade: deleting a customer deletes its contacts, and only its own", async () => {
    const doomed = await customer("Closing Down Ltd");
    const kept = await customer("Still Here Ltd");
    const gone = [await contact(doomed.id, "Gone 1"), await contact(doomed.id, "Gone 2")];
    const stays = await contact(kept.id, "Stays");
    expect((await admin.delete(`/api/data/customer/${doomed.id}`)).status).toBe(204);
    for (const p of gone) {
      const res = await admin.get(`/api/data/contact/${p.id}`);
      expect(res.status).toBe(404);
    }
    expect((await admin.get(`/api/data/contact/${stays.id}`)).body).toEqual(stays);
    const list = await admin.get("/api/data/contact?limit=200");
    const ids = list.body.items.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(gone[0]!.id);
    expect(ids).toContain(stays.id);
  });

  it("setNull: deleting a contact empties activity.contact and keeps the activity", async () => {
    const c = await customer("Keeps Activities");
    const p = await contact(c.id, "Leaving Person");
    const a = await activity(c.id, "Met the leaving person", p.id);
    expect(a._display.contact).toBe("Leaving Person");
    expect((await admin.delete(`/api/data/contact/${p.id}`)).status).toBe(204);
    const after = await admin.get(`/api/data/activity/${a.id}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      subject: "Met the leaving person",
      customer: c.id,
      contact: null,
    });
    expect(after.body._display.contact).toBeUndefined();
    expect(after.body._display.customer).toBe("Keeps Activities");
  });
});

describe("unique fields", () => {
  it("refuses a second product with the same code with 409 duplicate", async () => {
    const first = await create("product", { code: "NB-X1", name: "Notebook X1" });
    const second = await admin.post("/api/data/product", { code: "NB-X1", name: "Another" });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: "duplicate",
      message: "another product already has this code",
      details: { fields: [{ field: "code", rule: "unique" }] },
    });
    expect(second.text).not.toMatch(/product_code_key|violates|constraint/);
    const list = await admin.get("/api/data/product?limit=200");
    const codes = list.body.items.filter((r: { code: string }) => r.code === "NB-X1");
    expect(codes).toEqual([first]);
  });

  it("refuses a patch onto another product's code and keeps the record", async () => {
    await create("product", { code: "PR-1", name: "Printer" });
    const other = await create("product", { code: "PR-2", name: "Printer 2" });
    const res = await admin.patch(
      `/api/data/product/${other.id}`,
      { code: "PR-1" },
      { "if-match": '"1"' },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("duplicate");
    expect(res.body.error.details.fields[0].field).toBe("code");
    expect((await admin.get(`/api/data/product/${other.id}`)).body).toEqual(other);
  });

  it("lets only one of two simultaneous creates with the same code through", async () => {
    const body = { code: "RACE-1", name: "Racer" };
    const answers = await Promise.all([1, 2].map(() => admin.post("/api/data/product", body)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const list = await admin.get("/api/data/product?limit=200");
    expect(list.body.items.filter((r: { code: string }) => r.code === "RACE-1")).toHaveLength(1);
  });

  it("is unique per company only", async () => {
    await create("product", { code: "SHARED-1", name: "Here" });
    const { admin: other } = await testCompany(engine, "uniq");
    const res = await other.post("/api/data/product", { code: "SHARED-1", name: "There" });
    expect(res.status).toBe(201);
  });
});
