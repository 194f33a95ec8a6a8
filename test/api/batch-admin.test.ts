import { beforeAll, describe, expect, it } from "vitest";
import {
  batch,
  batchHelpers,
  customer,
  customerRole,
  listIds,
  outcomes,
  status,
} from "../support/batch-fixture.ts";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * `POST /api/data/:entity/batch`: delete, reassign and share many records at
 * once. The batch needs the role's batch (or batchDelete) right; then each
 * record is refused or done exactly as its single-record route would do it,
 * and the answer lists every id, in the order given, with what happened.
 * Effects are checked afterwards through the ordinary record routes. Here:
 * an admin's batches, an entity the roles do not open, and bad bodies
 * (batch.test.ts has a scoped user's batches and the batch rights).
 */

const missingId = "00000000-0000-7000-8000-000000000001";

let engine: TestEngine;
let slug: string;
let admin: TestClient;
let adminId: string;

const { staff, referTo } = batchHelpers(() => ({ engine, slug, admin }));

beforeAll(async () => {
  engine = await testEngine();
  ({ slug, admin } = await testCompany(engine, "batchadm"));
  adminId = (await admin.get("/api/auth/me")).body.user.id;
});

describe("an admin", () => {
  it("deletes any record, but not a referenced one nor one that does not exist", async () => {
    const staffer = await staff("admin_target", customerRole(["read", "create"], "own"));
    const theirs = await customer(staffer.client, "Someone else's");
    const own = await customer(admin, "Admin's own");
    const referenced = await customer(admin, "Referenced by an activity");
    await referTo(referenced);
    const res = await batch(admin, { action: "delete", ids: [theirs, referenced, own, missingId] });
    expect(res.status, res.text).toBe(200);
    expect(outcomes(res.body)).toEqual([
      [theirs, "done"],
      [referenced, 409, "referenced"],
      [own, "done"],
      [missingId, 404, "not_found"],
    ]);
    expect(res.body).toMatchObject({ action: "delete", done: 2, refused: 2 });
    const left = await listIds(admin);
    expect(left).toContain(referenced);
    expect(left).not.toContain(theirs);
    expect(left).not.toContain(own);
    expect(await status(staffer.client, theirs)).toBe(404);
  });

  it("deleting a customer takes its contacts with it, as a single delete does", async () => {
    const c = await customer(admin, "With contacts");
    const contact = await admin.post("/api/data/contact", { customer: c, name: "王伟" });
    expect(contact.status, contact.text).toBe(201);
    const res = await batch(admin, { action: "delete", ids: [c] });
    expect(res.body.done, res.text).toBe(1);
    expect((await admin.get(`/api/data/contact/${contact.body.id}`)).status).toBe(404);
  });

  it("reassigns records of anyone to a user, who then lists them", async () => {
    const staffer = await staff("new_owner", customerRole(["read"], "own"));
    const ids = [await customer(admin, "Assign 1"), await customer(admin, "Assign 2")];
    const res = await batch(admin, { action: "assign", ids, owner: staffer.id });
    expect(res.status, res.text).toBe(200);
    expect(outcomes(res.body)).toEqual(ids.map((id) => [id, "done"]));
    expect((await listIds(staffer.client)).sort()).toEqual([...ids].sort());
  });

  it("runs batches on other entities too", async () => {
    const c = await customer(admin, "Has activities");
    const acts = [];
    for (const subject of ["one", "two"]) {
      const res = await admin.post("/api/data/activity", {
        subject,
        customer: c,
        startAt: "2026-11-27T03:00:00.000Z",
      });
      acts.push(res.body.id as string);
    }
    const res = await admin.post("/api/data/activity/batch", { action: "delete", ids: acts });
    expect(res.status, res.text).toBe(200);
    expect(res.body.done).toBe(2);
    for (const id of acts) expect((await admin.get(`/api/data/activity/${id}`)).status).toBe(404);
    // The customer is no longer referenced and can go now.
    expect((await batch(admin, { action: "delete", ids: [c] })).body.done).toBe(1);
  });

  it("answers 404 for an entity that does not exist", async () => {
    const res = await admin.post("/api/data/nosuch/batch", { action: "delete", ids: [missingId] });
    expect(res.status).toBe(404);
  });

  it("an owner or sharee who does not exist refuses every record, as the single routes do", async () => {
    const ids = [await customer(admin, "Nobody's 1"), await customer(admin, "Nobody's 2")];
    const assign = await batch(admin, { action: "assign", ids, owner: missingId });
    expect(assign.status, assign.text).toBe(200);
    expect(outcomes(assign.body)).toEqual(ids.map((id) => [id, 400, "invalid"]));
    const shared = await batch(admin, { action: "share", ids, user: missingId, access: "read" });
    expect(outcomes(shared.body)).toEqual(ids.map((id) => [id, 400, "invalid"]));
    for (const id of ids) {
      const got = await admin.get(`/api/data/customer/${id}`);
      expect(got.body).toMatchObject({ owner: adminId, version: 1 });
      expect((await admin.get(`/api/data/customer/${id}/shares`)).body.items).toEqual([]);
    }
  });
});

describe("an entity the user's roles do not open", () => {
  it("is refused as a whole, even with every right on another entity", async () => {
    const product = await admin.post("/api/data/product", { code: "P-001", name: "Widget" });
    expect(product.status, product.text).toBe(201);
    const { client } = await staff(
      "customers_only",
      customerRole(["read", "create", "update", "delete", "batch", "batchDelete"], "all"),
    );
    const ids = [product.body.id as string];
    const res = await client.post("/api/data/product/batch", { action: "delete", ids });
    expect(res.status, res.text).toBe(403);
    expect((await admin.get(`/api/data/product/${ids[0]}`)).status).toBe(200);
  });
});

describe("body validation", () => {
  let id: string;
  const ids = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `00000000-0000-7000-8000-${String(i + 1).padStart(12, "0")}`,
    );

  beforeAll(async () => {
    id = await customer(admin, "Validation target");
  });

  const cases: [string, unknown, string][] = [
    ["no ids", { action: "delete" }, "ids"],
    ["empty ids", { action: "delete", ids: [] }, "ids"],
    ["more than 1,000 ids", { action: "delete", ids: ids(1001) }, "ids"],
    ["the same id twice", { action: "delete", ids: [missingId, missingId] }, "ids"],
    ["an id that is not a uuid", { action: "delete", ids: ["42"] }, "ids"],
    [
      "an upper-case uuid",
      { action: "delete", ids: ["0193A5B2-7C4D-7E8F-9ABC-DEF012345678"] },
      "ids",
    ],
    ["ids not an array", { action: "delete", ids: missingId }, "ids"],
    ["no action", { ids: [missingId] }, "action"],
    ["an unknown action", { action: "archive", ids: [missingId] }, "action"],
    ["an unknown property", { action: "delete", ids: [missingId], force: true }, "force"],
    ["an owner on a delete", { action: "delete", ids: [missingId], owner: missingId }, "owner"],
    ["assign without owner", { action: "assign", ids: [missingId] }, "owner"],
    [
      "an owner that is not a uuid",
      { action: "assign", ids: [missingId], owner: "admin" },
      "owner",
    ],
    [
      "access on an assign",
      { action: "assign", ids: [missingId], owner: missingId, access: "read" },
      "access",
    ],
    ["share without access", { action: "share", ids: [missingId], user: missingId }, "access"],
    [
      "share with a bad access",
      { action: "share", ids: [missingId], user: missingId, access: "write" },
      "access",
    ],
    [
      "share with neither user nor department",
      { action: "share", ids: [missingId], access: "read" },
      "user",
    ],
    [
      "share with both user and department",
      { action: "share", ids: [missingId], user: missingId, department: missingId, access: "read" },
      "user",
    ],
    [
      "an owner on a share",
      { action: "share", ids: [missingId], user: missingId, access: "read", owner: missingId },
      "owner",
    ],
  ];

  it.each(cases.map(([name, body, field]) => ({ name, body, field })))(
    "$name → 400 naming $field",
    async ({ body, field }) => {
      const res = await batch(admin, body);
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe("invalid");
      const fields = (res.body.error.details.fields as { field: string }[]).map((f) => f.field);
      expect(fields, res.text).toContain(field);
    },
  );

  it("accepts exactly 1,000 ids, answering for each", async () => {
    const many = [id, ...ids(999)];
    const res = await batch(admin, { action: "assign", ids: many, owner: adminId });
    expect(res.status, res.text).toBe(200);
    expect(res.body.results).toHaveLength(1000);
    expect(res.body).toMatchObject({ done: 1, refused: 999 });
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual(many);
  });

  it("refuses a body that is not JSON", async () => {
    const res = await batch(admin, "{ids:");
    expect(res.status).toBe(400);
  });

  it("a refused body changes nothing", async () => {
    const res = await batch(admin, { action: "delete", ids: [id, id] });
    expect(res.status).toBe(400);
    expect(await status(admin, id)).toBe(200);
  });
});
