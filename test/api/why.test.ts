import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { expectStatus, listAll, OrgFixture } from "../support/org-fixture.ts";

/**
 * "Why can X see this": GET /api/admin/access/why answers whether a user can
 * see, change and delete a record, with the reasons. The verdicts must agree
 * with what the user really gets for every (user, record) pair of a small
 * organisation; the reasons are checked on chosen cases.
 */

interface Reason {
  code: string;
  grants: boolean;
  en: string;
  "zh-CN": string;
}
interface Why {
  user: { id: string; username: string; isAdmin: boolean; isActive: boolean };
  record: {
    entity: string;
    id: string;
    title: string | null;
    owner: { id: string; displayName: string; department: { id: string; name: string } | null };
  };
  visible: boolean;
  canUpdate: boolean;
  canDelete: boolean;
  canManage: boolean;
  reasons: Reason[];
}

/** name → parent: HQ > Sales > East, HQ > Support, and Lab apart. */
const departments: Record<string, string | null> = {
  HQ: null,
  Sales: "HQ",
  East: "Sales",
  Support: "HQ",
  Lab: null,
};

const customer = (actions: string[], scope: string) => ({
  modules: ["crm"],
  entities: { customer: { actions, scope } },
});
const roles: Record<string, unknown> = {
  own_rud: customer(["read", "update", "delete"], "own"),
  dept_ru: customer(["read", "update"], "department"),
  tree_rd: customer(["read", "delete"], "departmentTree"),
  all_r: customer(["read"], "all"),
  contacts_only: { modules: ["crm"], entities: { contact: { actions: ["read"], scope: "all" } } },
  sales_only: {
    modules: ["sales"],
    entities: { product: { actions: ["read", "update"], scope: "all" } },
  },
};

const users: { name: string; dept: string | null; roles: string[]; admin?: boolean }[] = [
  { name: "u_own", dept: "East", roles: ["own_rud"] },
  { name: "u_support", dept: "Support", roles: ["own_rud"] },
  { name: "u_dept", dept: "Sales", roles: ["dept_ru"] },
  { name: "u_east", dept: "East", roles: ["dept_ru"] },
  { name: "u_nodept", dept: null, roles: ["dept_ru"] },
  { name: "u_tree", dept: "HQ", roles: ["tree_rd"] },
  { name: "u_combo", dept: "East", roles: ["dept_ru", "tree_rd"] },
  { name: "u_all", dept: "Lab", roles: ["all_r"] },
  { name: "u_noroles", dept: "East", roles: [] },
  { name: "u_hidden", dept: "Sales", roles: ["sales_only"] },
  { name: "u_notgranted", dept: "Sales", roles: ["contacts_only"] },
  { name: "u_admin2", dept: "Lab", roles: [], admin: true },
  { name: "u_disabled", dept: "East", roles: ["all_r"] },
];
const owners = ["u_own", "u_support", "u_dept", "u_nodept", "u_tree", "u_combo", "u_all", "admin"];
const perOwner = 3;

interface Share {
  record: string;
  user?: string;
  dept?: string;
  access: "read" | "edit";
}

describe("why can a user see a record", () => {
  let engine: TestEngine;
  let org: OrgFixture;
  const clients = new Map<string, TestClient>();
  const userIds = new Map<string, string>();
  const deptIds = new Map<string, string>();
  /** record name → id, and id → owner name */
  const records = new Map<string, string>();
  const ownerOf = new Map<string, string>();
  const versions = new Map<string, number>();
  const shares: Share[] = [];

  const why = (user: string, id: string, entity = "customer") =>
    org.admin.get(`/api/admin/access/why?user=${userIds.get(user)}&entity=${entity}&id=${id}`);
  const explain = async (user: string, name: string): Promise<Why> => {
    const res = await why(user, records.get(name)!);
    expectStatus(res, 200, `why ${user} ${name}`);
    return res.body as Why;
  };
  const codes = (w: Why) => w.reasons.map((r) => [r.code, r.grants]);

  async function newRecord(name: string, owner: string, recordShares: Omit<Share, "record">[]) {
    const res = await org.admin.post("/api/data/customer", { name });
    expectStatus(res, 201, "create");
    const id = res.body.id as string;
    if (owner !== "admin")
      expectStatus(
        await org.admin.post(`/api/data/customer/${id}/assign`, { owner: userIds.get(owner) }),
        200,
        "assign",
      );
    for (const s of recordShares) {
      const body = s.user
        ? { user: userIds.get(s.user), access: s.access }
        : { department: deptIds.get(s.dept!), access: s.access };
      expectStatus(await org.admin.post(`/api/data/customer/${id}/shares`, body), 201, "share");
    }
    return id;
  }

  beforeAll(async () => {
    engine = await testEngine();
    org = new OrgFixture(engine, await testCompany(engine, "why"));
    for (const [name, parent] of Object.entries(departments))
      deptIds.set(name, await org.department(name, parent ? deptIds.get(parent)! : null));
    const roleIds = new Map<string, string>();
    for (const [key, permissions] of Object.entries(roles))
      roleIds.set(key, await org.role(key, permissions));
    for (const u of users) {
      const { id, client } = await org.user(u.name, {
        department: u.dept ? deptIds.get(u.dept)! : null,
        roles: u.roles.map((r) => roleIds.get(r)!),
      });
      if (u.admin) await org.setUser(id, { isAdmin: true });
      userIds.set(u.name, id);
      clients.set(u.name, client);
    }
    userIds.set("admin", await org.adminId());
    clients.set("admin", org.admin);

    const planned: Share[] = [
      { record: "admin 0", user: "u_own", access: "read" },
      { record: "admin 1", dept: "East", access: "edit" },
      { record: "u_support 0", dept: "Sales", access: "read" },
      { record: "u_all 0", user: "u_dept", access: "edit" },
      { record: "u_all 1", user: "u_noroles", access: "edit" },
      { record: "u_all 2", user: "u_nodept", access: "read" },
    ];
    for (const owner of owners) {
      for (let i = 0; i < perOwner; i++) {
        const name = `${owner} ${i}`;
        const mine = planned.filter((s) => s.record === name);
        const id = await newRecord(name, owner, mine);
        records.set(name, id);
        ownerOf.set(id, owner);
        shares.push(...mine);
      }
    }
    // Disabled after logging in: their session goes, their roles stay.
    expectStatus(
      await org.admin.patch(`/api/admin/users/${userIds.get("u_disabled")}`, { isActive: false }),
      200,
    );
    for (const item of (await listAll(org.admin, "customer")).items)
      versions.set(item.id as string, item.version as number);
  });

  it("has at least 300 (user, record) pairs", () => {
    expect((users.length + 1) * records.size).toBeGreaterThanOrEqual(300);
  });

  it("describes the user and the record", async () => {
    const w = await explain("u_dept", "u_own 1");
    expect(w.user).toMatchObject({
      id: userIds.get("u_dept"),
      username: "u_dept",
      isAdmin: false,
      isActive: true,
    });
    expect(w.record).toEqual({
      entity: "customer",
      id: records.get("u_own 1"),
      title: "u_own 1",
      owner: {
        id: userIds.get("u_own"),
        displayName: "User u_own",
        username: "u_own",
        isAdmin: false,
        isActive: true,
        department: { id: deptIds.get("East"), name: "East" },
      },
    });
    for (const r of w.reasons) {
      expect(r.en.length, r.code).toBeGreaterThan(10);
      expect(r["zh-CN"], r.code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("names the reasons: admin, no roles, hidden module, entity not granted", async () => {
    for (const admin of ["admin", "u_admin2"]) {
      const w = await explain(admin, "u_support 1");
      expect(codes(w), admin).toEqual([["admin", true]]);
      expect([w.visible, w.canUpdate, w.canDelete], admin).toEqual([true, true, true]);
    }
    const none = await explain("u_noroles", "u_own 0");
    expect(codes(none)).toEqual([
      ["noRoles", false],
      ["share.none", false],
    ]);
    expect([none.visible, none.canUpdate, none.canDelete]).toEqual([false, false, false]);
    // A share does not open an entity the user has no role for.
    const sharedNone = await explain("u_noroles", "u_all 1");
    expect(sharedNone.reasons.map((r) => r.code)).toEqual(["noRoles", "share.user"]);
    expect(sharedNone.visible).toBe(false);
    const hidden = await explain("u_hidden", "u_dept 0");
    expect(codes(hidden)[0]).toEqual(["moduleHidden", false]);
    expect(hidden.reasons[0]!.en).toContain("crm");
    expect(hidden.visible).toBe(false);
    const notGranted = await explain("u_notgranted", "u_dept 0");
    expect(codes(notGranted)[0]).toEqual(["entityNotGranted", false]);
    expect(notGranted.visible).toBe(false);
  });

  it("names each granting role's scope against the owner's department", async () => {
    const cases: [string, string, (string | boolean)[][], boolean][] = [
      [
        "u_own",
        "u_own 0",
        [
          ["scope.own", true],
          ["share.none", false],
        ],
        true,
      ],
      [
        "u_own",
        "u_combo 0",
        [
          ["scope.own", false],
          ["share.none", false],
        ],
        false,
      ],
      [
        "u_dept",
        "u_dept 2",
        [
          ["scope.department", true],
          ["share.none", false],
        ],
        true,
      ],
      // East is below Sales, but the department scope does not reach down.
      [
        "u_dept",
        "u_own 0",
        [
          ["scope.department", false],
          ["share.none", false],
        ],
        false,
      ],
      [
        "u_nodept",
        "u_dept 0",
        [
          ["scope.department", false],
          ["share.none", false],
        ],
        false,
      ],
      [
        "u_nodept",
        "u_nodept 0",
        [
          ["scope.department", true],
          ["share.none", false],
        ],
        true,
      ],
      [
        "u_tree",
        "u_own 0",
        [
          ["scope.departmentTree", true],
          ["share.none", false],
        ],
        true,
      ],
      [
        "u_tree",
        "u_support 2",
        [
          ["scope.departmentTree", true],
          ["share.none", false],
        ],
        true,
      ],
      [
        "u_tree",
        "u_all 0",
        [
          ["scope.departmentTree", false],
          ["share.none", false],
        ],
        false,
      ],
      [
        "u_tree",
        "u_nodept 1",
        [
          ["scope.departmentTree", false],
          ["share.none", false],
        ],
        false,
      ],
      [
        "u_all",
        "admin 2",
        [
          ["scope.all", true],
          ["share.none", false],
        ],
        true,
      ],
      // Two roles granting read: one reason each, in role key order.
      [
        "u_combo",
        "u_own 1",
        [
          ["scope.department", true],
          ["scope.departmentTree", true],
          ["share.none", false],
        ],
        true,
      ],
      [
        "u_combo",
        "u_dept 1",
        [
          ["scope.department", false],
          ["scope.departmentTree", false],
          ["share.none", false],
        ],
        false,
      ],
      // Shares: with the user, with their department.
      [
        "u_own",
        "admin 0",
        [
          ["scope.own", false],
          ["share.user", true],
        ],
        true,
      ],
      [
        "u_own",
        "admin 1",
        [
          ["scope.own", false],
          ["share.department", true],
        ],
        true,
      ],
      [
        "u_combo",
        "admin 1",
        [
          ["scope.department", false],
          ["scope.departmentTree", false],
          ["share.department", true],
        ],
        true,
      ],
      [
        "u_dept",
        "u_support 0",
        [
          ["scope.department", false],
          ["share.department", true],
        ],
        true,
      ],
      [
        "u_dept",
        "u_all 0",
        [
          ["scope.department", false],
          ["share.user", true],
        ],
        true,
      ],
      [
        "u_nodept",
        "u_all 2",
        [
          ["scope.department", false],
          ["share.user", true],
        ],
        true,
      ],
      [
        "u_tree",
        "u_support 0",
        [
          ["scope.departmentTree", true],
          ["share.none", false],
        ],
        true,
      ],
    ];
    for (const [user, record, want, visible] of cases) {
      const w = await explain(user, record);
      expect(codes(w), `${user} ${record}`).toEqual(want);
      expect(w.visible, `${user} ${record}`).toBe(visible);
    }
  });

  it("tells update, delete and reassign/share rights apart: read shares, edit shares, actions", async () => {
    const cases: [string, string, [boolean, boolean, boolean, boolean]][] = [
      ["u_own", "u_own 2", [true, true, true, true]],
      ["u_own", "admin 0", [true, false, false, false]], // read share
      ["u_own", "admin 1", [true, true, false, false]], // edit share with East: change only
      ["u_dept", "u_dept 0", [true, true, false, true]], // no delete action
      ["u_dept", "u_all 0", [true, true, false, false]], // edit share: change only
      ["u_dept", "u_support 0", [true, false, false, false]], // read share with Sales
      ["u_tree", "u_dept 0", [true, false, true, false]], // no update action
      ["u_all", "u_own 0", [true, false, false, false]],
      ["u_combo", "u_own 0", [true, true, true, true]],
      ["u_combo", "u_combo 0", [true, true, true, true]],
    ];
    for (const [user, record, want] of cases) {
      const w = await explain(user, record);
      expect([w.visible, w.canUpdate, w.canDelete, w.canManage], `${user} ${record}`).toEqual(want);
    }
    const shared = await explain("u_dept", "u_all 0");
    expect(shared.reasons.find((r) => r.code === "share.user")!.en).toMatch(
      /never lets them delete, reassign or share/,
    );
    expect(shared.reasons.find((r) => r.code === "share.user")!["zh-CN"]).toMatch(
      /（可查看(和编辑)?）。共享不允许删除、转移或再共享该记录。$/,
    );
  });

  it("follows the owner's current department", async () => {
    const before = await explain("u_dept", "u_own 0");
    expect(before.visible).toBe(false);
    await org.setUser(userIds.get("u_own")!, { department: deptIds.get("Sales")! });
    try {
      const after = await explain("u_dept", "u_own 0");
      expect(codes(after)[0]).toEqual(["scope.department", true]);
      expect(after.record.owner.department?.name).toBe("Sales");
      expect(after.visible).toBe(true);
      expectStatus(
        await clients.get("u_dept")!.get(`/api/data/customer/${records.get("u_own 0")}`),
        200,
      );
    } finally {
      await org.setUser(userIds.get("u_own")!, { department: deptIds.get("East")! });
    }
    expect((await explain("u_dept", "u_own 0")).visible).toBe(false);
  });

  it("refuses bad parameters naming the field, unknown things with 404, non-admins with 403", async () => {
    const user = userIds.get("u_own")!;
    const id = records.get("u_own 0")!;
    const field = async (query: string) => {
      const res = await org.admin.get(`/api/admin/access/why?${query}`);
      expect(res.status, `${query} ${res.text}`).toBe(400);
      return (res.body.error.details.fields as { field: string }[]).map((f) => f.field);
    };
    expect(await field(`entity=customer&id=${id}`)).toEqual(["user"]);
    expect(await field(`user=u_own&entity=customer&id=${id}`)).toEqual(["user"]);
    expect(await field(`user=${user}&id=${id}`)).toEqual(["entity"]);
    expect(await field(`user=${user}&entity=customer`)).toEqual(["id"]);
    expect(await field(`user=${user}&entity=customer&id=42`)).toEqual(["id"]);
    expect(await field("")).toEqual(["user", "entity", "id"]);
    const missing = "01900000-0000-7000-8000-000000000000";
    for (const query of [
      `user=${missing}&entity=customer&id=${id}`,
      `user=${user}&entity=customer&id=${missing}`,
      `user=${user}&entity=nosuch&id=${id}`,
      `user=${user}&entity=product&id=${id}`,
    ]) {
      const res = await org.admin.get(`/api/admin/access/why?${query}`);
      expect(res.status, query).toBe(404);
    }
    for (const name of ["u_own", "u_all", "u_tree"]) {
      const res = await clients
        .get(name)!
        .get(`/api/admin/access/why?user=${user}&entity=customer&id=${id}`);
      expect(res.status, name).toBe(403);
    }
  });

  /** Runs `check` over items, in parallel batches on PostgreSQL (PGlite runs one statement at a time). */
  async function each<T>(items: T[], check: (item: T) => Promise<void>) {
    const size = testDbKind === "postgres" ? 16 : 1;
    for (let i = 0; i < items.length; i += size)
      await Promise.all(items.slice(i, i + size).map(check));
  }

  /** The answers of the every-pair test, by `user|record id`, for the delete test to reuse. */
  const explained = new Map<string, Why>();
  const answer = async (user: string, id: string) => {
    const known = explained.get(`${user}|${id}`);
    if (known) return known;
    const res = await why(user, id);
    expectStatus(res, 200, `why ${user} ${id}`);
    explained.set(`${user}|${id}`, res.body as Why);
    return res.body as Why;
  };

  const active = [...users.filter((u) => u.name !== "u_disabled").map((u) => u.name), "admin"];

  it("visible and canUpdate agree with the user's GET and PATCH for every pair", async () => {
    const pairs = active.flatMap((user) => [...records.values()].map((id) => [user, id] as const));
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    const seen = new Set<string>();
    const disagreements: unknown[] = [];
    // Reads first: an allowed PATCH changes the version, not who sees what.
    await each(pairs, async ([user, id]) => {
      const w = await answer(user, id);
      const client = clients.get(user)!;
      const get = await client.get(`/api/data/customer/${id}`);
      const patch = await client.patch(
        `/api/data/customer/${id}`,
        {},
        { "if-match": `"${versions.get(id)!}"` },
      );
      if (patch.status === 200) versions.set(id, patch.body.version as number);
      seen.add(`${String(w.visible)}/${String(w.canUpdate)}`);
      // Allowed is 200; refused is 403 or 404 — anything else would be a fault of the test.
      const refused = (status: number) => status === 403 || status === 404;
      if (
        (get.status === 200) !== w.visible ||
        (patch.status === 200) !== w.canUpdate ||
        !(get.status === 200 || refused(get.status)) ||
        !(patch.status === 200 || refused(patch.status))
      ) {
        disagreements.push({
          user,
          record: ownerOf.get(id),
          id,
          why: { visible: w.visible, canUpdate: w.canUpdate },
          got: { get: get.status, patch: `${patch.status} ${patch.text.slice(0, 120)}` },
        });
      }
    });
    expect(disagreements).toEqual([]);
    // Every combination that can occur did occur.
    expect(seen).toEqual(new Set(["true/true", "true/false", "false/false"]));
  });

  it("canManage agrees with the user's reassignment of the record to its own owner, for every pair", async () => {
    const pairs = active.flatMap((user) => [...records.values()].map((id) => [user, id] as const));
    const seen = new Set<boolean>();
    const disagreements: unknown[] = [];
    await each(pairs, async ([user, id]) => {
      const w = await answer(user, id);
      const owner = userIds.get(ownerOf.get(id)!)!;
      const res = await clients
        .get(user)!
        .post(`/api/data/customer/${id}/assign`, { owner, related: false });
      seen.add(w.canManage);
      if ((res.status === 200) !== w.canManage || ![200, 403, 404].includes(res.status))
        disagreements.push({
          user,
          record: ownerOf.get(id),
          canManage: w.canManage,
          got: res.status,
        });
    });
    expect(disagreements).toEqual([]);
    expect(seen).toEqual(new Set([true, false]));
  });

  it("canDelete agrees with the user's DELETE: refused ones change nothing, allowed ones on copies", async () => {
    const pairs = active.flatMap((user) => [...records.values()].map((id) => [user, id] as const));
    const allowed: (readonly [string, string])[] = [];
    const disagreements: unknown[] = [];
    await each(pairs, async ([user, id]) => {
      const w = await answer(user, id);
      if (w.canDelete) {
        allowed.push([user, id]);
        return;
      }
      const res = await clients.get(user)!.delete(`/api/data/customer/${id}`);
      if (![403, 404].includes(res.status))
        disagreements.push({ user, record: ownerOf.get(id), status: res.status });
    });
    expect(disagreements).toEqual([]);
    expect((await listAll(org.admin, "customer")).total).toBe(records.size);
    // Allowed deletes, on a copy with the same owner and shares (one per kind of copy).
    const kinds = new Map<string, readonly [string, string]>();
    for (const [user, id] of allowed) {
      const name = [...records].find(([, v]) => v === id)![0];
      const mine = shares.filter((s) => s.record === name);
      kinds.set(`${user}|${ownerOf.get(id)}|${JSON.stringify(mine)}`, [user, name]);
    }
    expect(kinds.size).toBeGreaterThan(10);
    let n = 0;
    for (const [user, name] of kinds.values()) {
      const original = records.get(name)!;
      const copy = await newRecord(
        `copy ${n++} of ${name}`,
        ownerOf.get(original)!,
        shares.filter((s) => s.record === name),
      );
      const w = (await why(user, copy)).body as Why;
      expect(w.canDelete, `${user} copy of ${name}`).toBe(true);
      const res = await clients.get(user)!.delete(`/api/data/customer/${copy}`);
      expect(res.status, `${user} DELETE copy of ${name} ${res.text}`).toBe(204);
      expectStatus(await org.admin.get(`/api/data/customer/${copy}`), 404);
    }
    expect((await listAll(org.admin, "customer")).total).toBe(records.size);
  });

  it("says a disabled user is disabled", async () => {
    const w = await explain("u_disabled", "u_own 0");
    expect(w.user.isActive).toBe(false);
    expect(codes(w)[0]).toEqual(["disabled", false]);
    // Their session went when they were disabled; they cannot log in again.
    expect(
      (await clients.get("u_disabled")!.get(`/api/data/customer/${records.get("u_own 0")}`)).status,
    ).toBe(401);
  });

  it("a disabled user is not told to see anything", async () => {
    for (const name of records.keys()) {
      const w = await explain("u_disabled", name);
      expect([w.visible, w.canUpdate, w.canDelete, w.canManage], name).toEqual([
        false,
        false,
        false,
        false,
      ]);
    }
  });
});
