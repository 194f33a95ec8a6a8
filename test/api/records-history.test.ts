import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { expectStatus, OrgFixture } from "../support/org-fixture.ts";

/**
 * Record writes in the audit trail (issue 12, item 20): every create, change,
 * reassignment, share and delete, through every path (single, batch, inline
 * — which is PATCH), with the fields before and after, and each record's
 * history as its reader may see it.
 */

interface Change {
  field: string;
  before: unknown;
  after: unknown;
  beforeTitle?: string;
  afterTitle?: string;
}
interface Entry {
  id: number;
  at: string;
  action: string;
  actor: { id: string; name: string } | null;
  changes: Change[];
  share?: Record<string, unknown>;
  via?: { entity: string; id: string; title: string | null };
  related?: Record<string, number>;
  truncated?: string[];
}

let engine: TestEngine;
let org: OrgFixture;
let admin: TestClient;
let adminId: string;
/** Sees every customer, but not their credit limit. */
let limited: { id: string; client: TestClient };
/** Sees only their own customers. */
let stranger: { id: string; client: TestClient };

const history = async (client: TestClient, entity: string, id: string, query = "") => {
  const res = await client.get(`/api/data/${entity}/${id}/history${query}`);
  expectStatus(res, 200, `history of ${entity}/${id}`);
  return res.body as { items: Entry[]; total: number };
};
const tick = () => engine.clock.advance(1000);

beforeAll(async () => {
  engine = await testEngine();
  org = new OrgFixture(engine, await testCompany(engine, "hist"));
  admin = org.admin;
  adminId = await org.adminId();
  const grant = (scope: string, fields = {}) => ({
    modules: ["crm"],
    entities: {
      customer: { actions: ["read", "create", "update", "delete"], scope, fields },
      contact: { actions: ["read", "create", "update"], scope },
      activity: { actions: ["read", "create", "update"], scope },
    },
  });
  limited = await org.user("limited", {
    roles: [await org.role("no_credit", grant("all", { creditLimit: "hidden" }))],
  });
  stranger = await org.user("stranger", { roles: [await org.role("own_only", grant("own"))] });
});

describe("a record's history", () => {
  let id: string;
  let version: number;
  const url = () => `/api/data/customer/${id}`;
  const patch = async (client: TestClient, body: Record<string, unknown>) => {
    tick();
    const res = await client.patch(url(), body, { "if-match": `"${version}"` });
    expectStatus(res, 200, "patch");
    version = res.body.version as number;
    return res;
  };

  beforeAll(async () => {
    const res = await admin.post("/api/data/customer", {
      name: "History Co",
      quality: "B",
      creditLimit: "5000.00",
      tags: ["vip"],
      remark: "first",
    });
    expectStatus(res, 201);
    id = res.body.id as string;
    version = res.body.version as number;
  });

  it("starts with the create: who, when, and every value set", async () => {
    const { items, total } = await history(admin, "customer", id);
    expect(total).toBe(1);
    const [created] = items;
    expect(created).toMatchObject({
      action: "record_created",
      at: engine.clock.now().toISOString(),
      actor: { id: adminId, name: expect.any(String) },
    });
    const values = Object.fromEntries(created!.changes.map((c) => [c.field, [c.before, c.after]]));
    expect(values).toMatchObject({
      name: [null, "History Co"],
      quality: [null, "B"],
      creditLimit: [null, "5000.00"],
      tags: [null, ["vip"]],
      remark: [null, "first"],
      isKeyAccount: [null, false],
      owner: [null, adminId],
      code: [null, expect.stringMatching(/^KH\d{6}-\d{4}$/)],
    });
    // Empty fields say nothing.
    expect(values.phone).toBeUndefined();
  });

  it("records a change with only the fields it changed, before and after", async () => {
    await patch(admin, { name: "History Co Ltd", quality: "A", remark: "first" });
    const [changed] = (await history(admin, "customer", id)).items;
    expect(changed!.action).toBe("record_changed");
    expect(changed!.changes).toEqual([
      { field: "name", before: "History Co", after: "History Co Ltd" },
      { field: "quality", before: "B", after: "A" },
    ]);
  });

  it("leaves out a write that changed nothing, and writes that were refused", async () => {
    const before = (await history(admin, "customer", id)).total;
    await patch(admin, { name: "History Co Ltd" });
    const stale = await admin.patch(url(), { name: "Lost" }, { "if-match": `"${version - 1}"` });
    expectStatus(stale, 409);
    const invalid = await admin.patch(url(), { quality: "Z" }, { "if-match": `"${version}"` });
    expectStatus(invalid, 400);
    expect((await history(admin, "customer", id)).total).toBe(before);
  });

  it("never shows a field hidden from the reader, nor an entry that changed only hidden fields", async () => {
    await patch(admin, { creditLimit: "9000.00" });
    await patch(admin, { creditLimit: "9500.00", shortName: "HC" });
    const all = await history(admin, "customer", id);
    const mine = await history(limited.client, "customer", id);
    expect(all.total - mine.total).toBe(1);
    expect(mine.items[0]!.changes).toEqual([{ field: "shortName", before: null, after: "HC" }]);
    expect(all.items[0]!.changes.map((c) => c.field)).toEqual(["shortName", "creditLimit"]);
    expect(JSON.stringify(mine)).not.toContain("creditLimit");
    expect(JSON.stringify(mine)).not.toContain("9500");
  });

  it("a change made by a user whose roles hide a field keeps that field's value in the trail", async () => {
    const res = await limited.client.patch(
      url(),
      { shortName: "H." },
      { "if-match": `"${version}"` },
    );
    expectStatus(res, 200);
    version = res.body.version as number;
    const [entry] = (await history(admin, "customer", id)).items;
    expect(entry).toMatchObject({
      actor: { id: limited.id, name: "User limited" },
      changes: [{ field: "shortName", before: "HC", after: "H." }],
    });
  });

  it("is for those who may read the record: out of sight 404, no role 403", async () => {
    expectStatus(await stranger.client.get(`${url()}/history`), 404);
    const none = await org.user("nobody");
    expectStatus(await none.client.get(`${url()}/history`), 403);
    expectStatus(
      await admin.get("/api/data/customer/01900000-0000-7000-8000-000000000000/history"),
      404,
    );
  });

  it("shows reassignments and shares with the names of the people and departments", async () => {
    const sales = await org.department("Sales Hist");
    tick();
    expectStatus(await admin.post(`${url()}/assign`, { owner: limited.id }), 200);
    tick();
    const share = await admin.post(`${url()}/shares`, {
      department: sales,
      access: "edit",
      subDepartments: true,
    });
    expectStatus(share, 201);
    tick();
    expectStatus(await admin.delete(`${url()}/shares/${share.body.id as string}`), 204);
    const [unshared, shared, reassigned] = (await history(admin, "customer", id)).items;
    expect(reassigned).toMatchObject({
      action: "record_reassigned",
      changes: [
        {
          field: "owner",
          before: adminId,
          after: limited.id,
          afterTitle: "User limited",
          beforeTitle: expect.any(String),
        },
      ],
      related: {},
    });
    expect(shared).toMatchObject({
      action: "record_shared",
      share: {
        department: { id: sales, name: "Sales Hist" },
        user: null,
        access: "edit",
        subDepartments: true,
      },
    });
    expect(unshared!.action).toBe("record_unshared");
    version = (await admin.get(url())).body.version as number;
  });

  it("bounds long values, saying which were cut", async () => {
    await patch(admin, { remark: "长".repeat(5000) });
    const [entry] = (await history(admin, "customer", id)).items;
    const after = entry!.changes[0]!.after as string;
    expect(after.length).toBe(1001);
    expect(after.endsWith("…")).toBe(true);
    expect(entry!.truncated).toEqual(["remark"]);
  });

  it("pages newest first with limit and offset, and refuses bad ones", async () => {
    const all = await history(admin, "customer", id);
    expect(all.items.length).toBe(all.total);
    for (let i = 1; i < all.items.length; i++)
      expect(all.items[i - 1]!.at >= all.items[i]!.at).toBe(true);
    const page = await history(admin, "customer", id, "?limit=2&offset=1");
    expect(page.items.map((e) => e.id)).toEqual(all.items.slice(1, 3).map((e) => e.id));
    expect(page.total).toBe(all.total);
    expectStatus(await admin.get(`${url()}/history?limit=0`), 400);
    expectStatus(await admin.get(`${url()}/history?limit=201`), 400);
    expectStatus(await admin.get(`${url()}/history?offset=x`), 400);
  });
});

describe("references, batch work and deletes in the trail", () => {
  it("gives reference titles, and none of records the reader cannot see", async () => {
    const a = (await admin.post("/api/data/customer", { name: "Ref A" })).body.id as string;
    const b = (await admin.post("/api/data/customer", { name: "Ref B" })).body.id as string;
    const act = await admin.post("/api/data/activity", {
      subject: "Ref call",
      customer: a,
      startAt: "2026-12-01T01:00:00Z",
    });
    expectStatus(act, 201);
    const actId = act.body.id as string;
    tick();
    expectStatus(
      await admin.patch(
        `/api/data/activity/${actId}`,
        { customer: b },
        { "if-match": `"${act.body.version as number}"` },
      ),
      200,
    );
    const [moved] = (await history(admin, "activity", actId)).items;
    expect(moved!.changes).toEqual([
      { field: "customer", before: a, after: b, beforeTitle: "Ref A", afterTitle: "Ref B" },
    ]);
    // The stranger owns the activity, but not the customers: ids, no titles.
    expectStatus(
      await admin.post(`/api/data/activity/${actId}/assign`, { owner: stranger.id }),
      200,
    );
    const theirs = (await history(stranger.client, "activity", actId)).items;
    const change = theirs.find((e) => e.action === "record_changed")!.changes[0]!;
    expect(change).toEqual({ field: "customer", before: a, after: b });
  });

  it("batch deletes, batch assigns and deletes are in the trail with the values deleted", async () => {
    const ids: string[] = [];
    for (const name of ["Batch H1", "Batch H2"])
      ids.push((await admin.post("/api/data/customer", { name, city: "杭州" })).body.id as string);
    tick();
    const assign = await admin.post("/api/data/customer/batch", {
      action: "assign",
      ids,
      owner: limited.id,
    });
    expect(assign.body.done).toBe(2);
    for (const id of ids) {
      const [entry] = (await history(limited.client, "customer", id)).items;
      expect(entry).toMatchObject({ action: "record_reassigned", changes: [{ field: "owner" }] });
    }
    tick();
    const del = await admin.post("/api/data/customer/batch", { action: "delete", ids });
    expect(del.body.done).toBe(2);
    // A deleted record's history is gone with it; the trail keeps its last values.
    expectStatus(await admin.get(`/api/data/customer/${ids[0]!}/history`), 404);
    const trail = await admin.get(
      `/api/admin/audit?action=record_deleted&target=customer/${ids[0]!}`,
    );
    expectStatus(trail, 200);
    expect(trail.body.items[0].detail.before).toMatchObject({
      name: "Batch H1",
      city: "杭州",
      owner: limited.id,
    });
    expect(trail.body.items[0].changes).toEqual(
      expect.arrayContaining([{ path: "name", before: "Batch H1", after: null }]),
    );
  });

  it("a delete records what its cascades delete and what its setNull references empty", async () => {
    const c = (await admin.post("/api/data/customer", { name: "Cascade Co" })).body.id as string;
    const contact = await admin.post("/api/data/contact", { customer: c, name: "Cara" });
    const contactId = contact.body.id as string;
    const other = (await admin.post("/api/data/customer", { name: "Other Co" })).body.id as string;
    const otherContact = (await admin.post("/api/data/contact", { customer: other, name: "Olga" }))
      .body.id as string;
    const act = await admin.post("/api/data/activity", {
      subject: "Meet Olga",
      customer: other,
      contact: otherContact,
      startAt: "2026-12-01T01:00:00Z",
    });
    tick();
    // Deleting the customer deletes Cara through the cascade.
    expectStatus(await admin.delete(`/api/data/customer/${c}`), 204);
    const cara = await admin.get(
      `/api/admin/audit?target=contact/${contactId}&action=record_deleted`,
    );
    expect(cara.body.items).toHaveLength(1);
    expect(cara.body.items[0].detail).toMatchObject({
      before: { name: "Cara", customer: c },
      via: `customer/${c}`,
    });
    // Deleting Olga empties the activity's contact.
    tick();
    expectStatus(await admin.delete(`/api/data/contact/${otherContact}`), 204);
    const [emptied] = (await history(admin, "activity", act.body.id as string)).items;
    expect(emptied).toMatchObject({
      action: "record_changed",
      changes: [{ field: "contact", before: otherContact, after: null }],
      via: { entity: "contact", id: otherContact, title: null },
    });
  });
});
