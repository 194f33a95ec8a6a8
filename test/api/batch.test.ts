import { beforeAll, describe, expect, it } from "vitest";
import {
  batch,
  batchHelpers,
  changeCity,
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
 * Effects are checked afterwards through the ordinary record routes.
 */

const missingId = "00000000-0000-7000-8000-000000000001";

let engine: TestEngine;
let slug: string;
let admin: TestClient;
let adminId: string;

const { staff, department, share, referTo } = batchHelpers(() => ({ engine, slug, admin }));

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
