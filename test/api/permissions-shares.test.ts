import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";
import { expectStatus, listAll, OrgFixture, prng } from "../support/org-fixture.ts";

/**
 * What a share gives, against an oracle written from the rules alone: a
 * share (with a user, a department, or a department and its sub-departments)
 * lets the sharee read, or read and change, a record — never reassign it,
 * share it further, unshare it or delete it, which are the owner's and the
 * role scope's rights (issue 12, item 1). Department shares reach the
 * department's members, and with `subDepartments` every department below it
 * (item 19), as the tree stands at each request.
 */

type Level = "none" | "read" | "edit";

/** name → parent: HQ > Sales > East > EastA, Sales > West; Lab apart. */
const departments: Record<string, string | null> = {
  HQ: null,
  Sales: "HQ",
  East: "Sales",
  EastA: "East",
  West: "Sales",
  Lab: null,
};

function below(dept: string, ancestor: string): boolean {
  for (let at: string | null = dept; at; at = departments[at] ?? null)
    if (at === ancestor) return true;
  return false;
}

/** One record per way of sharing it, all owned by "owner" (Lab). */
const shareCases: Record<
  string,
  { user?: string; department?: string; subDepartments?: boolean; access: "read" | "edit" } | null
> = {
  none: null,
  userRead: { user: "sharee", access: "read" },
  userEdit: { user: "sharee", access: "edit" },
  deptRead: { department: "East", access: "read" },
  deptEdit: { department: "East", access: "edit" },
  treeRead: { department: "Sales", subDepartments: true, access: "read" },
  treeEdit: { department: "Sales", subDepartments: true, access: "edit" },
  flatEdit: { department: "Sales", access: "edit" },
};

/** Users who hold no scope over the records: what they may do comes from shares alone. */
const sharees: Record<string, string> = {
  sharee: "East",
  deep: "EastA",
  west: "West",
  sales: "Sales",
};

const customerRole = (scope: string) => ({
  modules: ["crm"],
  entities: {
    customer: { actions: ["read", "create", "update", "delete", "batch", "batchDelete"], scope },
  },
});

describe("what each share level allows", () => {
  let org: OrgFixture;
  const ids = new Map<string, string>();
  const deptIds = new Map<string, string>();
  const clients = new Map<string, TestClient>();
  const records = new Map<string, string>();
  const shareIds = new Map<string, string>();

  /** The oracle: the share level a user holds on a case's record. */
  const level = (user: string, kase: string): Level => {
    const s = shareCases[kase];
    if (!s) return "none";
    const dept = sharees[user]!;
    const reaches = s.user
      ? s.user === user
      : s.department === dept || (!!s.subDepartments && below(dept, s.department!));
    return reaches ? s.access : "none";
  };

  beforeAll(async () => {
    const engine = await testEngine();
    org = new OrgFixture(engine, await testCompany(engine, "pshr"));
    for (const [name, parent] of Object.entries(departments))
      deptIds.set(name, await org.department(name, parent ? deptIds.get(parent)! : null));
    const own = await org.role("own_all", customerRole("own"));
    const dept = await org.role("dept_all", customerRole("department"));
    for (const [name, d] of [["owner", "Lab"], ...Object.entries(sharees)] as [string, string][]) {
      const u = await org.user(name, { department: deptIds.get(d)!, roles: [own] });
      ids.set(name, u.id);
      clients.set(name, u.client);
    }
    const scoper = await org.user("scoper", { department: deptIds.get("Lab")!, roles: [dept] });
    ids.set("scoper", scoper.id);
    clients.set("scoper", scoper.client);
    const owner = clients.get("owner")!;
    for (const [kase, s] of Object.entries(shareCases)) {
      const made = await owner.post("/api/data/customer", { name: `Shared ${kase}` });
      expectStatus(made, 201);
      records.set(kase, made.body.id as string);
      if (!s) continue;
      const body = s.user
        ? { user: ids.get(s.user)!, access: s.access }
        : {
            department: deptIds.get(s.department!)!,
            access: s.access,
            subDepartments: s.subDepartments,
          };
      const shared = await owner.post(`/api/data/customer/${made.body.id as string}/shares`, body);
      expectStatus(shared, 201, `share ${kase}`);
      expect(shared.body.subDepartments).toBe(!!s.subDepartments);
      shareIds.set(kase, shared.body.id as string);
    }
  });

  const state = async () =>
    Object.fromEntries(
      await Promise.all(
        [...records].map(async ([kase, id]) => {
          const got = await org.admin.get(`/api/data/customer/${id}`);
          const shares = await org.admin.get(`/api/data/customer/${id}/shares`);
          return [kase, { got: got.body, shares: shares.body.items }] as const;
        }),
      ),
    );

  it("covers every level for every sharee, and sub-departments two levels down", () => {
    const levels = Object.keys(sharees).flatMap((u) =>
      Object.keys(shareCases).map((k) => level(u, k)),
    );
    expect(new Set(levels)).toEqual(new Set(["none", "read", "edit"]));
    expect(level("deep", "treeEdit")).toBe("edit");
    expect(level("deep", "deptEdit")).toBe("none");
    expect(level("sharee", "flatEdit")).toBe("none");
  });

  it("read, change, reassign, share, unshare and delete answer as the oracle says, and refusals change nothing", async () => {
    const before = await state();
    const statuses = new Set<string>();
    for (const user of Object.keys(sharees)) {
      const client = clients.get(user)!;
      for (const [kase, id] of records) {
        const l = level(user, kase);
        const url = `/api/data/customer/${id}`;
        const sight = l === "none" ? 404 : 403;
        const want = {
          get: l === "none" ? 404 : 200,
          patch: l === "none" ? 404 : l === "read" ? 403 : 200,
          assignSelf: sight,
          assignOther: sight,
          share: sight,
          unshare: sight,
          delete: sight,
        };
        const version = (await org.admin.get(url)).body.version as number;
        const got = {
          get: (await client.get(url)).status,
          patch: (await client.patch(url, {}, { "if-match": `"${version}"` })).status,
          assignSelf: (await client.post(`${url}/assign`, { owner: ids.get(user)! })).status,
          assignOther: (await client.post(`${url}/assign`, { owner: ids.get("west")! })).status,
          share: (await client.post(`${url}/shares`, { user: ids.get("west")!, access: "edit" }))
            .status,
          unshare: (
            await client.delete(
              `${url}/shares/${shareIds.get(kase) ?? "01900000-0000-7000-8000-000000000000"}`,
            )
          ).status,
          delete: (await client.delete(url)).status,
        };
        expect(got, `${user} on ${kase} (${l})`).toEqual(want);
        statuses.add(`${l}:${JSON.stringify(got)}`);
      }
    }
    expect(statuses.size).toBe(3);
    // An allowed PATCH of nothing bumps the version; nothing else changed.
    const after = await state();
    for (const kase of records.keys()) {
      const {
        version: _b,
        updatedAt: _bu,
        updatedBy: _bb,
        _display: _bd,
        ...was
      } = before[kase]!.got;
      const {
        version: _a,
        updatedAt: _au,
        updatedBy: _ab,
        _display: _ad,
        ...is
      } = after[kase]!.got;
      expect(is, kase).toEqual(was);
      expect(after[kase]!.shares, kase).toEqual(before[kase]!.shares);
    }
  });

  it("batch assign and share refuse every shared record, whatever the level", async () => {
    for (const user of Object.keys(sharees)) {
      const client = clients.get(user)!;
      const idList = [...records.values()];
      for (const body of [
        { action: "assign", owner: ids.get(user)! },
        { action: "share", user: ids.get(user)!, access: "edit" },
        { action: "delete" },
      ]) {
        const res = await client.post("/api/data/customer/batch", { ...body, ids: idList });
        expectStatus(res, 200, `${user} ${body.action}`);
        expect(res.body.done, `${user} ${body.action}`).toBe(0);
        const results = res.body.results as { id: string; error: { status: number } }[];
        const byId = new Map(results.map((r) => [r.id, r.error.status]));
        for (const [kase, id] of records)
          expect(byId.get(id), `${user} batch ${body.action} ${kase}`).toBe(
            level(user, kase) === "none" ? 404 : 403,
          );
      }
    }
  });

  it("an edit sharee cannot take the record and then delete it (the issue's path)", async () => {
    const id = records.get("userEdit")!;
    const sharee = clients.get("sharee")!;
    const take = await sharee.post(`/api/data/customer/${id}/assign`, {
      owner: ids.get("sharee")!,
    });
    expectStatus(take, 403);
    expect(take.body.error.message).toMatch(/not for those it is shared with/);
    expectStatus(await sharee.delete(`/api/data/customer/${id}`), 403);
    const got = await org.admin.get(`/api/data/customer/${id}`);
    expect(got.body.owner).toBe(ids.get("owner"));
  });

  it("why says the sharee may change but not reassign, share or delete", async () => {
    for (const [user, kase, code] of [
      ["sharee", "userEdit", "share.user"],
      ["sharee", "deptEdit", "share.department"],
      ["deep", "treeEdit", "share.subDepartment"],
    ] as const) {
      const res = await org.admin.get(
        `/api/admin/access/why?user=${ids.get(user)}&entity=customer&id=${records.get(kase)}`,
      );
      expectStatus(res, 200);
      expect(res.body, `${user} ${kase}`).toMatchObject({
        visible: true,
        canUpdate: true,
        canDelete: false,
        canManage: false,
      });
      expect(res.body.reasons.map((r: { code: string }) => r.code)).toContain(code);
    }
  });

  it("the owner and a user whose scope covers the record reassign, share and unshare it", async () => {
    for (const who of ["owner", "scoper"]) {
      const client = clients.get(who)!;
      const made = await clients
        .get("owner")!
        .post("/api/data/customer", { name: `Kept by ${who}` });
      const url = `/api/data/customer/${made.body.id as string}`;
      const shared = await client.post(`${url}/shares`, {
        user: ids.get("sharee")!,
        access: "edit",
      });
      expectStatus(shared, 201, who);
      expectStatus(await client.delete(`${url}/shares/${shared.body.id as string}`), 204, who);
      const given = await client.post(`${url}/assign`, { owner: ids.get("sharee")! });
      expectStatus(given, 200, who);
      expect(given.body.owner).toBe(ids.get("sharee"));
    }
  });
});

describe("shares with a department and its sub-departments, against an oracle", () => {
  let org: OrgFixture;
  const deptIds = new Map<string, string>();
  const parents = new Map<string, string | null>();
  const users = new Map<string, { id: string; client: TestClient; dept: string | null }>();
  const records: string[] = [];
  const shares: { record: string; user?: string; dept?: string; sub: boolean }[] = [];
  const rand = prng(20261212);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const tree: [string, string | null][] = [
    ["Root", null],
    ["A", "Root"],
    ["A1", "A"],
    ["A1x", "A1"],
    ["A2", "A"],
    ["B", "Root"],
    ["B1", "B"],
    ["Other", null],
  ];
  const isBelow = (dept: string, ancestor: string) => {
    for (let at: string | null = dept, n = 0; at && n < 20; at = parents.get(at) ?? null, n++)
      if (at === ancestor) return true;
    return false;
  };
  const sees = (user: string, record: string) => {
    const dept = users.get(user)!.dept;
    return shares.some(
      (s) =>
        s.record === record &&
        (s.user === user ||
          (dept !== null &&
            s.dept !== undefined &&
            (s.dept === dept || (s.sub && isBelow(dept, s.dept))))),
    );
  };
  const check = async (when: string) => {
    for (const [name, u] of users) {
      const want = records.filter((r) => sees(name, r)).sort();
      const { ids, total } = await listAll(u.client, "customer");
      expect(ids.sort(), `${name} ${when}`).toEqual(want);
      expect(total, `${name} ${when}`).toBe(want.length);
    }
  };

  beforeAll(async () => {
    const engine = await testEngine();
    org = new OrgFixture(engine, await testCompany(engine, "psub"));
    for (const [name, parent] of tree) {
      deptIds.set(name, await org.department(name, parent ? deptIds.get(parent)! : null));
      parents.set(name, parent);
    }
    // Read own records only: everything else they see comes from shares.
    const role = await org.role("reader", {
      modules: ["crm"],
      entities: { customer: { actions: ["read"], scope: "own" } },
    });
    const placed = [...tree.map(([d]) => d), "A1", "A1x", "B1", null];
    for (const [i, dept] of placed.entries()) {
      const name = `m${i}`;
      const u = await org.user(name, {
        department: dept ? deptIds.get(dept)! : null,
        roles: [role],
      });
      users.set(name, { ...u, dept });
    }
    for (let i = 0; i < 24; i++) {
      const res = await org.admin.post("/api/data/customer", { name: `Tree share ${i}` });
      expectStatus(res, 201);
      records.push(res.body.id as string);
    }
    for (let i = 0; i < 30; i++) {
      const record = pick(records);
      const toUser = rand() < 0.2;
      const share = toUser
        ? { record, user: pick([...users.keys()]), sub: false }
        : { record, dept: pick(tree.map(([d]) => d)), sub: rand() < 0.6 };
      const body = share.user
        ? { user: users.get(share.user)!.id, access: "read" }
        : { department: deptIds.get(share.dept!)!, access: "read", subDepartments: share.sub };
      expectStatus(await org.admin.post(`/api/data/customer/${record}/shares`, body), 201);
      // Sharing with the same target again replaces that share.
      const same = shares.findIndex(
        (s) => s.record === record && s.user === share.user && s.dept === share.dept,
      );
      if (same >= 0) shares.splice(same, 1);
      shares.push(share);
    }
  });

  it("has shares that reach below, and ones that do not", () => {
    const reachBelow = [...users].some(([name, u]) =>
      shares.some(
        (s) =>
          s.sub &&
          s.dept &&
          u.dept &&
          u.dept !== s.dept &&
          isBelow(u.dept, s.dept) &&
          sees(name, s.record),
      ),
    );
    expect(reachBelow).toBe(true);
    expect(shares.some((s) => s.dept && !s.sub)).toBe(true);
  });

  it("each user's list is exactly what the oracle's shares reach", async () => {
    await check("at first");
  });

  it("a department moved under another follows its new parent's shares on the next request", async () => {
    await org.moveDepartment(deptIds.get("B")!, deptIds.get("A1")!);
    parents.set("B", "A1");
    await check("after moving B under A1");
    await org.moveDepartment(deptIds.get("B")!, deptIds.get("Root")!);
    parents.set("B", "Root");
    await check("after moving B back");
  });

  it("a user moved into a sub-department gains what reaches it", async () => {
    const [name, u] = [...users].find(([, x]) => x.dept === "Other")!;
    await org.setUser(u.id, { department: deptIds.get("A1x")! });
    u.dept = "A1x";
    await check(`after moving ${name}`);
  });

  it("sharing again without subDepartments narrows the share to the department itself", async () => {
    const wide = shares.find((s) => s.sub && s.dept && tree.some(([, p]) => p === s.dept))!;
    const res = await org.admin.post(`/api/data/customer/${wide.record}/shares`, {
      department: deptIds.get(wide.dept!)!,
      access: "read",
    });
    expectStatus(res, 201);
    expect(res.body.subDepartments).toBe(false);
    wide.sub = false;
    await check("after narrowing a share");
  });

  it("subDepartments applies to department shares only", async () => {
    const res = await org.admin.post(`/api/data/customer/${records[0]!}/shares`, {
      user: users.get("m0")!.id,
      access: "read",
      subDepartments: true,
    });
    expectStatus(res, 400);
    expect(res.body.error.details.fields[0].field).toBe("subDepartments");
    const batch = await org.admin.post("/api/data/customer/batch", {
      action: "share",
      ids: [records[0]!],
      user: users.get("m0")!.id,
      access: "read",
      subDepartments: true,
    });
    expectStatus(batch, 400);
  });

  it("a batch share with subDepartments reaches below", async () => {
    const fresh = await org.admin.post("/api/data/customer", { name: "Batch tree share" });
    const id = fresh.body.id as string;
    records.push(id);
    const res = await org.admin.post("/api/data/customer/batch", {
      action: "share",
      ids: [id],
      department: deptIds.get("A")!,
      access: "read",
      subDepartments: true,
    });
    expectStatus(res, 200);
    expect(res.body.done).toBe(1);
    shares.push({ record: id, dept: "A", sub: true });
    await check("after a batch share");
  });
});
