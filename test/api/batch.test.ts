import { beforeAll, describe, expect, it } from "vitest";
import type { RolePermissions } from "../../engine/org/role-permissions.ts";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * `POST /api/data/:entity/batch`: delete, reassign and share many records at
 * once. The batch needs the role's batch (or batchDelete) right; then each
 * record is refused or done exactly as its single-record route would do it,
 * and the answer lists every id, in the order given, with what happened.
 * Effects are checked afterwards through the ordinary record routes.
 */

const missingId = "00000000-0000-7000-8000-000000000001";
const password = "staff-password-1";

let engine: TestEngine;
let slug: string;
let admin: TestClient;
let adminId: string;

/** A customer role: the given actions, scoped as given. */
const customerRole = (
  actions: NonNullable<NonNullable<RolePermissions["entities"]>[string]["actions"]>,
  scope: "own" | "department" | "departmentTree" | "all" = "own",
): RolePermissions => ({
  modules: ["crm"],
  entities: { customer: { actions, scope }, activity: { actions: ["read"], scope: "all" } },
});

async function staff(
  username: string,
  permissions: RolePermissions,
  departmentId: string | null = null,
): Promise<{ id: string; client: TestClient }> {
  const id = await addStaffUser(engine, slug, username, password, { permissions, departmentId });
  const client = new TestClient(engine.app);
  await client.login(slug, username, password);
  return { id, client };
}

async function department(name: string): Promise<string> {
  const res = await admin.post("/api/admin/departments", { name });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

async function customer(client: TestClient, name: string): Promise<string> {
  const res = await client.post("/api/data/customer", { name });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

async function share(id: string, body: Record<string, unknown>) {
  const res = await admin.post(`/api/data/customer/${id}/shares`, body);
  expect(res.status, res.text).toBe(201);
}

/** An activity that refers to the customer: `onDelete: restrict`, so the customer cannot go. */
async function referTo(customerId: string) {
  const res = await admin.post("/api/data/activity", {
    subject: "Call about the contract",
    customer: customerId,
    startAt: "2026-11-27T03:00:00.000Z",
  });
  expect(res.status, res.text).toBe(201);
}

const batch = (client: TestClient, body: unknown) => client.post("/api/data/customer/batch", body);

/** The per-record outcome a user reads: done, or refused with a status and code. */
const outcomes = (body: {
  results: { id: string; status: string; error?: { code: string; status: number } }[];
}) =>
  body.results.map((r) =>
    r.status === "done" ? [r.id, "done"] : [r.id, r.error?.status, r.error?.code],
  );

/** A change of city with the version the client just read, as the UI sends it. */
async function changeCity(client: TestClient, id: string, city: string) {
  const read = await client.get(`/api/data/customer/${id}`);
  return client.patch(
    `/api/data/customer/${id}`,
    { city },
    { "if-match": `"${read.body.version}"` },
  );
}

const status = async (client: TestClient, id: string) =>
  (await client.get(`/api/data/customer/${id}`)).status;

async function listIds(client: TestClient): Promise<string[]> {
  const res = await client.get("/api/data/customer?limit=200");
  expect(res.status, res.text).toBe(200);
  return (res.body.items as { id: string }[]).map((r) => r.id);
}

beforeAll(async () => {
  engine = await testEngine();
  ({ slug, admin } = await testCompany(engine, "batch"));
  adminId = (await admin.get("/api/auth/me")).body.user.id;
});

describe("a user scoped to own records, with every batch right", () => {
  let sales: string;
  let support: string;
  let mine: { id: string; client: TestClient };
  let other: { id: string; client: TestClient };
  let viewer: { id: string; client: TestClient };
  let colleague: { id: string; client: TestClient };

  beforeAll(async () => {
    sales = await department("Sales");
    support = await department("Support");
    const full = customerRole(["read", "create", "update", "delete", "batch", "batchDelete"]);
    mine = await staff("mine", full, sales);
    other = await staff("other", full, support);
    viewer = await staff("viewer", customerRole(["read"]), support);
    colleague = await staff("colleague", customerRole(["read"]), support);
  });

  /** Records of the user's own, of another user shared read or edit with them, and out of sight. */
  async function mixedRecords(prefix: string) {
    return {
      own: await customer(mine.client, `${prefix} own`),
      own2: await customer(mine.client, `${prefix} own 2`),
      referenced: await customer(mine.client, `${prefix} referenced`),
      readShared: await customer(other.client, `${prefix} read-shared`),
      editShared: await customer(other.client, `${prefix} edit-shared`),
      unseen: await customer(other.client, `${prefix} unseen`),
    };
  }

  it("deletes what it may and refuses the rest, each for its own reason, in the order given", async () => {
    const r = await mixedRecords("Delete");
    await share(r.readShared, { user: mine.id, access: "read" });
    await share(r.editShared, { user: mine.id, access: "edit" });
    await referTo(r.referenced);
    const ids = [r.unseen, r.own, r.readShared, r.referenced, missingId, r.editShared, r.own2];
    const res = await batch(mine.client, { action: "delete", ids });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ action: "delete", done: 2, refused: 5 });
    expect(outcomes(res.body)).toEqual([
      [r.unseen, 404, "not_found"],
      [r.own, "done"],
      // A share lets a user see a record, never delete it.
      [r.readShared, 403, "forbidden"],
      [r.referenced, 409, "referenced"],
      [missingId, 404, "not_found"],
      [r.editShared, 403, "forbidden"],
      [r.own2, "done"],
    ]);
    for (const e of res.body.results.filter((x: { status: string }) => x.status === "refused"))
      expect(e.error.message, JSON.stringify(e)).toMatch(/\S/);
    // Done records are gone for everyone; refused ones are untouched.
    expect(await status(admin, r.own)).toBe(404);
    expect(await status(admin, r.own2)).toBe(404);
    for (const id of [r.unseen, r.readShared, r.referenced, r.editShared])
      expect(await status(admin, id)).toBe(200);
    // The out-of-sight record stays out of sight: the refusal told nothing about it.
    expect(await status(mine.client, r.unseen)).toBe(404);
  });

  it("reassigns its own records only: not shared ones, even to edit, nor unseen ones", async () => {
    const r = await mixedRecords("Assign");
    await share(r.readShared, { user: mine.id, access: "read" });
    await share(r.editShared, { user: mine.id, access: "edit" });
    const ids = [r.own, r.readShared, r.unseen, r.editShared];
    const res = await batch(mine.client, { action: "assign", ids, owner: colleague.id });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ action: "assign", done: 1, refused: 3 });
    expect(outcomes(res.body)).toEqual([
      [r.own, "done"],
      [r.readShared, 403, "forbidden"],
      [r.unseen, 404, "not_found"],
      // An edit share lets the sharee change the record, not give it away.
      [r.editShared, 403, "forbidden"],
    ]);
    const got = await admin.get(`/api/data/customer/${r.own}`);
    expect(got.body.owner).toBe(colleague.id);
    expect(got.body._display.owner).toBe("colleague");
    expect(got.body.version).toBeGreaterThan(1);
    for (const id of [r.readShared, r.unseen, r.editShared])
      expect((await admin.get(`/api/data/customer/${id}`)).body.owner).toBe(other.id);
    // The new owner sees it in their own-scoped list; the old owner no longer sees it.
    const colleagueSees = await listIds(colleague.client);
    expect(colleagueSees).toContain(r.own);
    expect(colleagueSees).not.toContain(r.readShared);
    expect(colleagueSees).not.toContain(r.editShared);
    expect(await status(mine.client, r.own)).toBe(404);
  });

  it("shares its own records with a user, who then sees exactly those; shared ones it may not re-share", async () => {
    const r = await mixedRecords("Share");
    await share(r.readShared, { user: mine.id, access: "read" });
    await share(r.editShared, { user: mine.id, access: "edit" });
    const before = await listIds(viewer.client);
    const ids = [r.own, r.readShared, r.unseen, r.editShared];
    const res = await batch(mine.client, { action: "share", ids, user: viewer.id, access: "read" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ action: "share", done: 1, refused: 3 });
    expect(outcomes(res.body)).toEqual([
      [r.own, "done"],
      [r.readShared, 403, "forbidden"],
      [r.unseen, 404, "not_found"],
      [r.editShared, 403, "forbidden"],
    ]);
    const shares = await mine.client.get(`/api/data/customer/${r.own}/shares`);
    expect(shares.status, shares.text).toBe(200);
    expect(shares.body.items).toEqual([
      expect.objectContaining({
        user: { id: viewer.id, displayName: "viewer" },
        department: null,
        access: "read",
      }),
    ]);
    const viewerSees = await listIds(viewer.client);
    expect(viewerSees.filter((id) => !before.includes(id))).toEqual([r.own]);
    expect(await status(viewer.client, r.own)).toBe(200);
    expect(await status(viewer.client, r.readShared)).toBe(404);
    // A read share lets the viewer see, not change.
    const patch = await changeCity(viewer.client, r.own, "宁波");
    expect(patch.status).toBe(403);
  });

  it("shares with a department for editing: its members may then change the records", async () => {
    const editors = await department("Editors");
    const editor = await staff("dept_editor", customerRole(["read", "update"]), editors);
    const a = await customer(mine.client, "Department share A");
    const b = await customer(mine.client, "Department share B");
    const res = await batch(mine.client, {
      action: "share",
      ids: [a, b],
      department: editors,
      access: "edit",
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ done: 2, refused: 0 });
    const shares = await mine.client.get(`/api/data/customer/${b}/shares`);
    expect(shares.body.items).toEqual([
      expect.objectContaining({
        user: null,
        department: { id: editors, name: "Editors" },
        access: "edit",
      }),
    ]);
    expect(await listIds(editor.client)).toEqual(expect.arrayContaining([a, b]));
    const patch = await changeCity(editor.client, a, "温州");
    expect(patch.status, patch.text).toBe(200);
    expect(patch.body.city).toBe("温州");
  });

  it("sharing again changes the access of the existing share rather than adding one", async () => {
    const a = await customer(mine.client, "Share twice");
    for (const access of ["read", "edit"]) {
      const res = await batch(mine.client, { action: "share", ids: [a], user: viewer.id, access });
      expect(res.body.done, res.text).toBe(1);
    }
    const shares = await admin.get(`/api/data/customer/${a}/shares`);
    expect(shares.body.items.map((s: { access: string }) => s.access)).toEqual(["edit"]);
  });
});

describe("batch rights", () => {
  let a: string;
  let b: string;

  beforeAll(async () => {
    a = await customer(admin, "Rights A");
    b = await customer(admin, "Rights B");
  });

  const allScope = (actions: Parameters<typeof customerRole>[0]) => customerRole(actions, "all");

  it("without the batch right, assign and share are refused as a whole and change nothing", async () => {
    const { client, id } = await staff(
      "no_batch",
      allScope(["read", "update", "delete", "batchDelete"]),
    );
    const assign = await batch(client, { action: "assign", ids: [a, b], owner: id });
    expect(assign.status, assign.text).toBe(403);
    expect(assign.body.error.code).toBe("forbidden");
    const shared = await batch(client, { action: "share", ids: [a], user: id, access: "read" });
    expect(shared.status, shared.text).toBe(403);
    expect((await admin.get(`/api/data/customer/${a}`)).body).toMatchObject({
      owner: adminId,
      version: 1,
    });
    expect((await admin.get(`/api/data/customer/${a}/shares`)).body.items).toEqual([]);
    // The single-record routes stay open to them.
    expect((await client.post(`/api/data/customer/${b}/assign`, { owner: adminId })).status).toBe(
      200,
    );
  });

  it("without batchDelete, a batch delete is refused as a whole, even with batch and delete", async () => {
    const { client } = await staff(
      "no_batch_delete",
      allScope(["read", "update", "delete", "batch"]),
    );
    const res = await batch(client, { action: "delete", ids: [a, b] });
    expect(res.status, res.text).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(await status(admin, a)).toBe(200);
    expect(await status(admin, b)).toBe(200);
  });

  it("batchDelete without delete refuses every record with 403 and deletes none", async () => {
    const { client } = await staff("batch_delete_only", allScope(["read", "batchDelete"]));
    const res = await batch(client, { action: "delete", ids: [a, b] });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ done: 0, refused: 2 });
    expect(outcomes(res.body)).toEqual([
      [a, 403, "forbidden"],
      [b, 403, "forbidden"],
    ]);
    expect(await status(admin, a)).toBe(200);
  });

  it("batch without update refuses every reassignment with 403", async () => {
    const { client, id } = await staff("batch_no_update", allScope(["read", "batch"]));
    const res = await batch(client, { action: "assign", ids: [a], owner: id });
    expect(res.status, res.text).toBe(200);
    expect(outcomes(res.body)).toEqual([[a, 403, "forbidden"]]);
    expect((await admin.get(`/api/data/customer/${a}`)).body.owner).toBe(adminId);
  });

  it("a user without any role is refused", async () => {
    const { client } = await staff("no_role", {});
    const res = await batch(client, { action: "delete", ids: [a] });
    expect(res.status, res.text).toBe(403);
    expect(await status(admin, a)).toBe(200);
  });

  it("needs a session", async () => {
    const res = await batch(new TestClient(engine.app), { action: "delete", ids: [a] });
    expect(res.status).toBe(401);
  });
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
