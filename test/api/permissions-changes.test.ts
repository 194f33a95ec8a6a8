import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";
import { expectStatus, listAll, OrgFixture } from "../support/org-fixture.ts";

/**
 * What changes who sees what takes effect on the user's next request, with
 * the same session: shares and their removal, reassignment, role changes,
 * moves of users and departments. References never reveal records out of
 * sight: a write naming one is refused like a missing record, and `_display`
 * leaves its title out.
 */

type Perms = Record<string, unknown>;
const customerGrant = (scope: string, actions = ["read", "create", "update"], extra = {}) => ({
  modules: ["crm"],
  entities: {
    customer: { actions, scope, ...extra },
    contact: { actions: ["read", "create", "update"], scope: "all" },
  },
});

describe("permissions: changes take effect on the next request", () => {
  let org: OrgFixture;
  let adminId: string;
  const depts = { root: "", a: "", a1: "", b: "" };

  const customer = async (name: string, owner?: string) => {
    const res = await org.admin.post("/api/data/customer", { name });
    expectStatus(res, 201);
    const id = res.body.id as string;
    if (owner)
      expectStatus(await org.admin.post(`/api/data/customer/${id}/assign`, { owner }), 200);
    return id;
  };
  const version = async (id: string) =>
    (await org.admin.get(`/api/data/customer/${id}`)).body.version as number;
  const sees = async (client: TestClient, id: string) => {
    const one = await client.get(`/api/data/customer/${id}`);
    expect([200, 404], one.text).toContain(one.status);
    const listed = (await listAll(client, "customer")).ids.includes(id);
    expect(listed, "list and get agree").toBe(one.status === 200);
    return one.status === 200;
  };
  let roleSeq = 0;
  const userWith = async (perms: Perms, department: string | null = null) => {
    const key = `chg_${++roleSeq}`;
    const role = await org.role(key, perms);
    const { id, client } = await org.user(`u_${key}`, { department, roles: [role] });
    return { id, client, role };
  };

  beforeAll(async () => {
    const engine = await testEngine();
    org = new OrgFixture(engine, await testCompany(engine, "pchg"));
    adminId = await org.adminId();
    depts.root = await org.department("Root");
    depts.a = await org.department("A", depts.root);
    depts.a1 = await org.department("A1", depts.a);
    depts.b = await org.department("B", depts.root);
  });

  it("a user share opens the record on the next request, edit allows PATCH, unshare closes it", async () => {
    const u = await userWith(customerGrant("own"));
    const id = await customer("Shared with a user");
    expect(await sees(u.client, id)).toBe(false);
    const url = `/api/data/customer/${id}`;
    // A stale If-Match refuses the share; the current one takes it and bumps the version.
    const v = await version(id);
    const stale = await org.admin.post(
      `${url}/shares`,
      { user: u.id, access: "read" },
      { "if-match": `"${v + 5}"` },
    );
    expectStatus(stale, 409);
    const share = await org.admin.post(
      `${url}/shares`,
      { user: u.id, access: "read" },
      { "if-match": `"${v}"` },
    );
    expectStatus(share, 201);
    expect(share.body).toMatchObject({ user: { id: u.id }, department: null, access: "read" });
    expect(await version(id)).toBe(v + 1);
    expect(await sees(u.client, id)).toBe(true);
    const shares = await u.client.get(`${url}/shares`);
    expectStatus(shares, 200);
    expect(shares.body.items.map((s: { id: string }) => s.id)).toEqual([share.body.id]);
    // Read only: PATCH and DELETE refused, and so is sharing further.
    const refused = await u.client.patch(url, { remark: "x" }, { "if-match": `"${v + 1}"` });
    expectStatus(refused, 403);
    expect(refused.body.error.message).toMatch(/you may read this Customer but not change it/);
    expectStatus(await u.client.post(`${url}/shares`, { user: adminId, access: "read" }), 403);
    // The same target again changes the access of its share.
    const edit = await org.admin.post(`${url}/shares`, { user: u.id, access: "edit" });
    expectStatus(edit, 201);
    expect(edit.body.id).toBe(share.body.id);
    expect((await org.admin.get(`${url}/shares`)).body.items).toHaveLength(1);
    const patched = await u.client.patch(
      url,
      { remark: "edited via share" },
      {
        "if-match": `"${await version(id)}"`,
      },
    );
    expectStatus(patched, 200);
    // Shares never give delete, even to a role that may delete in its own scope.
    const deleter = await userWith(customerGrant("own", ["read", "update", "delete"]), depts.b);
    expectStatus(await org.admin.post(`${url}/shares`, { user: deleter.id, access: "edit" }), 201);
    const del = await deleter.client.delete(url);
    expectStatus(del, 403);
    expect(del.body.error.message).toMatch(/but not delete it/);
    // Unshare: gone on the next request; it is a change of the record too.
    const beforeUnshare = await version(id);
    const unshare = await org.admin.delete(`${url}/shares/${share.body.id as string}`);
    expectStatus(unshare, 204);
    expect(await version(id)).toBe(beforeUnshare + 1);
    expect(await sees(u.client, id)).toBe(false);
    expectStatus(await u.client.get(`${url}/shares`), 404);
    expectStatus(await org.admin.delete(`${url}/shares/${share.body.id as string}`), 404);
    expect(await sees(deleter.client, id)).toBe(true);
  });

  it("a department share opens the record to exactly that department's members", async () => {
    const inA = await userWith(customerGrant("own"), depts.a);
    const inA1 = await userWith(customerGrant("own"), depts.a1);
    const inB = await userWith(customerGrant("own"), depts.b);
    const id = await customer("Shared with department A");
    const share = await org.admin.post(`/api/data/customer/${id}/shares`, {
      department: depts.a,
      access: "read",
    });
    expectStatus(share, 201);
    expect(share.body.department).toMatchObject({ id: depts.a, name: "A" });
    expect(await sees(inA.client, id)).toBe(true);
    expect(await sees(inA1.client, id)).toBe(false);
    expect(await sees(inB.client, id)).toBe(false);
    // Joining the department opens it, leaving it closes it: on the next request.
    await org.setUser(inB.id, { department: depts.a });
    expect(await sees(inB.client, id)).toBe(true);
    await org.setUser(inA.id, { department: depts.b });
    expect(await sees(inA.client, id)).toBe(false);
  });

  it("reassignment moves the record into the new owner's scope on the next request", async () => {
    const first = await userWith(customerGrant("own"));
    const second = await userWith(customerGrant("own"));
    const id = await customer("Reassigned", first.id);
    expect(await sees(first.client, id)).toBe(true);
    expect(await sees(second.client, id)).toBe(false);
    // The owner gives it away: the answer is the record as written, then it is out of sight.
    const v = await version(id);
    const given = await first.client.post(
      `/api/data/customer/${id}/assign`,
      { owner: second.id },
      { "if-match": `"${v}"` },
    );
    expectStatus(given, 200);
    expect(given.body).toMatchObject({ id, owner: second.id, version: v + 1 });
    expect(await sees(first.client, id)).toBe(false);
    expect(await sees(second.client, id)).toBe(true);
    expectStatus(
      await first.client.post(`/api/data/customer/${id}/assign`, { owner: first.id }),
      404,
    );
    // The owner must be an active user.
    const disabled = await userWith({});
    expectStatus(
      await org.admin.patch(`/api/admin/users/${disabled.id}`, { isActive: false }),
      200,
    );
    for (const owner of [disabled.id, id]) {
      const res = await org.admin.post(`/api/data/customer/${id}/assign`, { owner });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.details.fields).toContainEqual(
        expect.objectContaining({ field: "owner" }),
      );
    }
    expect((await org.admin.get(`/api/data/customer/${id}`)).body.owner).toBe(second.id);
  });

  it("a role change holds from the next request, same session, with a new X-Meta-Version", async () => {
    const u = await userWith(customerGrant("own"));
    const other = await customer("Someone else's");
    const before = await u.client.get("/api/meta");
    const v1 = before.headers.get("x-meta-version");
    expect(v1).toBeTruthy();
    expect(before.body.version).toBe(v1);
    expect(await sees(u.client, other)).toBe(false);
    // Wider scope
    await org.changeRole(u.role, customerGrant("all"));
    expect(await sees(u.client, other)).toBe(true);
    const v2 = (await u.client.get("/api/meta")).headers.get("x-meta-version");
    expect(v2).not.toBe(v1);
    // A field hidden by the role
    await org.changeRole(u.role, customerGrant("all", ["read"], { fields: { remark: "hidden" } }));
    const record = await u.client.get(`/api/data/customer/${other}`);
    expectStatus(record, 200);
    expect(Object.keys(record.body)).not.toContain("remark");
    const meta = await u.client.get("/api/meta/entities/customer");
    expect(Object.keys(meta.body.fields)).not.toContain("remark");
    expect(meta.body.actions).toEqual(["read"]);
    const v3 = meta.headers.get("x-meta-version");
    expect(v3).not.toBe(v2);
    expectStatus(await u.client.post("/api/data/customer", { name: "no create now" }), 403);
    // The module taken away
    await org.changeRole(u.role, {});
    expectStatus(await u.client.get(`/api/data/customer/${other}`), 403);
    expect((await u.client.get("/api/meta")).body.modules).toEqual([]);
    // Roles given back through the user: same session still.
    const wide = await org.role("chg_wide", customerGrant("all"));
    await org.setUser(u.id, { roles: [wide] });
    expectStatus(await u.client.get(`/api/data/customer/${other}`), 200);
    const v4 = (await u.client.get("/api/meta")).headers.get("x-meta-version");
    expect(v4).toBe(v2);
    // Users with equal grants see the same version; the admin's differs.
    const twin = await userWith(customerGrant("all"));
    expect((await twin.client.get("/api/meta")).headers.get("x-meta-version")).toBe(v2);
    expect((await org.admin.get("/api/meta")).headers.get("x-meta-version")).not.toBe(v2);
  });

  it("a change made straight in the database also holds from the next request", async () => {
    const u = await userWith(customerGrant("own"));
    const other = await customer("Changed by SQL");
    expect(await sees(u.client, other)).toBe(false);
    const db = org.engine.deps.database.db;
    const schema = `co_${org.company.slug}`;
    await db
      .updateTable(`${schema}.sys_role`)
      .set({ permissions: JSON.stringify(customerGrant("all")) })
      .where("id", "=", u.role)
      .execute();
    expect(await sees(u.client, other)).toBe(true);
    await db.deleteFrom(`${schema}.sys_user_role`).where("user_id", "=", u.id).execute();
    expectStatus(await u.client.get(`/api/data/customer/${other}`), 403);
  });

  it("the admin flag given or taken holds from the next request", async () => {
    const u = await userWith(customerGrant("own"));
    const other = await customer("Seen by admins");
    expect(await sees(u.client, other)).toBe(false);
    await org.setUser(u.id, { isAdmin: true });
    expect(await sees(u.client, other)).toBe(true);
    expect((await u.client.get("/api/meta")).body.modules).toHaveLength(2);
    await org.setUser(u.id, { isAdmin: false });
    expect(await sees(u.client, other)).toBe(false);
    expect((await u.client.get("/api/meta")).body.modules).toHaveLength(1);
  });

  it("moving a user or a department changes what department scopes see on the next request", async () => {
    const aOwner = await userWith({}, depts.a);
    const a1Owner = await userWith({}, depts.a1);
    const bOwner = await userWith({}, depts.b);
    const inA = await customer("Owned in A", aOwner.id);
    const inA1 = await customer("Owned in A1", a1Owner.id);
    const inB = await customer("Owned in B", bOwner.id);
    const dept = await userWith(customerGrant("department"), depts.a);
    const tree = await userWith(customerGrant("departmentTree"), depts.a);
    const visible = async (client: TestClient) => {
      const ids = new Set((await listAll(client, "customer")).ids);
      return [inA, inA1, inB].map((id) => ids.has(id));
    };
    expect(await visible(dept.client)).toEqual([true, false, false]);
    expect(await visible(tree.client)).toEqual([true, true, false]);
    // The viewer moves.
    await org.setUser(dept.id, { department: depts.b });
    expect(await visible(dept.client)).toEqual([false, false, true]);
    expect(await sees(dept.client, inB)).toBe(true);
    // An owner moves: the scope follows the owner's current department.
    await org.setUser(bOwner.id, { department: depts.a });
    expect(await visible(dept.client)).toEqual([false, false, false]);
    expect(await visible(tree.client)).toEqual([true, true, true]);
    // A department moves out of the tree: its members' records leave the tree scope.
    await org.moveDepartment(depts.a1, depts.b);
    expect(await visible(tree.client)).toEqual([true, false, true]);
    await org.moveDepartment(depts.a1, depts.a);
    expect(await visible(tree.client)).toEqual([true, true, true]);
    // A user without a department keeps only their own records.
    await org.setUser(tree.id, { department: null });
    expect(await visible(tree.client)).toEqual([false, false, false]);
  });

  it("a reference to a record out of sight is refused like a missing one", async () => {
    const u = await userWith(customerGrant("own"));
    const hidden = await customer("Out of sight");
    const mine = (await u.client.post("/api/data/customer", { name: "Mine" })).body.id as string;
    const missing = "01900000-0000-7000-8000-000000000000";
    const refusal = async (customerId: string) => {
      const res = await u.client.post("/api/data/contact", { name: "C", customer: customerId });
      expect(res.status, res.text).toBe(400);
      const problem = (res.body.error.details.fields as Record<string, string>[]).find(
        (f) => f.field === "customer",
      )!;
      expect(problem.rule).toBe("reference");
      return String(problem.message).replace(customerId, "<id>");
    };
    expect(await refusal(hidden)).toBe(await refusal(missing));
    const contact = await u.client.post("/api/data/contact", { name: "C", customer: mine });
    expectStatus(contact, 201);
    const patch = await u.client.patch(
      `/api/data/contact/${contact.body.id as string}`,
      { customer: hidden },
      { "if-match": '"1"' },
    );
    expect(patch.status, patch.text).toBe(400);
    expect(patch.body.error.details.fields).toContainEqual(
      expect.objectContaining({ field: "customer", rule: "reference" }),
    );
    // Once shared, the same reference is accepted.
    expectStatus(
      await org.admin.post(`/api/data/customer/${hidden}/shares`, { user: u.id, access: "read" }),
      201,
    );
    const ok = await u.client.patch(
      `/api/data/contact/${contact.body.id as string}`,
      { customer: hidden },
      { "if-match": '"1"' },
    );
    expectStatus(ok, 200);
  });

  it("_display never carries the title of a record out of sight; the id stays", async () => {
    const u = await userWith(customerGrant("own"));
    const secret = "Secret Customer Title 7731";
    const hidden = await customer(secret);
    const made = await org.admin.post("/api/data/contact", { name: "Visible", customer: hidden });
    expectStatus(made, 201);
    const contactId = made.body.id as string;
    expect(made.body._display.customer).toBe(secret);
    const check = async (shown: boolean) => {
      const one = await u.client.get(`/api/data/contact/${contactId}`);
      expectStatus(one, 200);
      const { items } = await listAll(u.client, "contact");
      const listed = items.find((i) => i.id === contactId)!;
      for (const answer of [one.body, listed]) {
        expect(answer.customer).toBe(hidden);
        if (shown) expect(answer._display.customer).toBe(secret);
        else {
          expect(answer._display.customer).toBeUndefined();
          expect(JSON.stringify(answer)).not.toContain(secret);
        }
      }
    };
    await check(false);
    const share = await org.admin.post(`/api/data/customer/${hidden}/shares`, {
      user: u.id,
      access: "read",
    });
    expectStatus(share, 201);
    await check(true);
    expectStatus(
      await org.admin.delete(`/api/data/customer/${hidden}/shares/${share.body.id as string}`),
      204,
    );
    await check(false);
    // A user who may not read customers at all sees the id and no title either.
    const contactsOnly = await userWith({
      modules: ["crm"],
      entities: { contact: { actions: ["read"], scope: "all" } },
    });
    const seen = await contactsOnly.client.get(`/api/data/contact/${contactId}`);
    expectStatus(seen, 200);
    expect(seen.body.customer).toBe(hidden);
    expect(JSON.stringify(seen.body)).not.toContain(secret);
  });

  it("a refused delete names only the referring records the user can see", async () => {
    const u = await userWith({
      modules: ["crm"],
      entities: { customer: { actions: ["read", "create", "update", "delete"], scope: "own" } },
    });
    const own = await u.client.post("/api/data/customer", { name: "Referred to" });
    expectStatus(own, 201);
    const activity = await org.admin.post("/api/data/activity", {
      subject: "Visit",
      customer: own.body.id,
      startAt: "2026-11-27T08:00:00.000Z",
    });
    expectStatus(activity, 201);
    const refused = await u.client.delete(`/api/data/customer/${own.body.id as string}`);
    expectStatus(refused, 409);
    expect(refused.body.error.message).toContain("records you cannot see");
    expect(refused.body.error.message).not.toContain("activity");
    expect(refused.body.error.details.references).toEqual([]);
    // The admin, who sees the activity, is told what refers to the customer.
    const byAdmin = await org.admin.delete(`/api/data/customer/${own.body.id as string}`);
    expectStatus(byAdmin, 409);
    expect(byAdmin.body.error.details.references).toEqual([
      { entity: "activity", field: "customer", count: 1 },
    ]);
  });
});
