import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";
import { expectStatus, listAll, OrgFixture, prng } from "../support/org-fixture.ts";
import { departments, roleSpecs, users } from "../support/matrix-organisation.ts";
import { Oracle, scopeRank, type Share } from "../support/permissions-oracle.ts";

/**
 * Record scopes, actions and shares against an oracle written here from the
 * rules alone: a department tree, users spread over it (some without a
 * department, one without roles), one role per scope with different actions,
 * users holding two roles, and shares with users and departments. Every
 * user's list, gets, patches, deletes and creates must agree with it.
 */

const recordsPerOwner = 9;
const encode = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

describe("permissions matrix: scopes × actions × shares against an oracle", () => {
  let org: OrgFixture;
  const oracle = new Oracle(roleSpecs, departments, users);
  const clients = new Map<string, TestClient>();
  const userIds = new Map<string, string>();
  const deptIds = new Map<string, string>();
  /** record index → id, in creation order */
  const records: string[] = [];
  const names = new Map<string, string>();
  const versions = new Map<string, number>();
  const rand = prng(20261127);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };

  beforeAll(async () => {
    const engine = await testEngine();
    org = new OrgFixture(engine, await testCompany(engine, "pmx"));
    for (const [name, parent] of Object.entries(departments))
      deptIds.set(name, await org.department(name, parent ? deptIds.get(parent)! : null));
    const roleIds = new Map<string, string>();
    for (const [key, spec] of Object.entries(roleSpecs)) {
      const permissions = { modules: ["crm"], entities: { customer: spec } };
      roleIds.set(key, await org.role(key, permissions));
    }
    for (const u of users) {
      const { id, client } = await org.user(u.name, {
        department: u.dept ? deptIds.get(u.dept)! : null,
        roles: u.roles.map((r) => roleIds.get(r)!),
      });
      userIds.set(u.name, id);
      clients.set(u.name, client);
    }
    userIds.set("admin", await org.adminId());
    oracle.deptOf.set("admin", null);

    // Records created by the admin, then given to their owners (the admin keeps some).
    const owners = [...users.map((u) => u.name), "admin"];
    for (const owner of owners) {
      for (let i = 0; i < recordsPerOwner; i++) {
        const name = `Matrix ${records.length} ${i % 2 ? "alpha" : "beta"} ${owner}`;
        const res = await org.admin.post("/api/data/customer", { name });
        expectStatus(res, 201, "create");
        const id = res.body.id as string;
        if (owner !== "admin") {
          const assign = await org.admin.post(`/api/data/customer/${id}/assign`, {
            owner: userIds.get(owner)!,
          });
          expectStatus(assign, 200, "assign");
          expect(assign.body.owner).toBe(userIds.get(owner));
        }
        records.push(id);
        names.set(id, name);
        oracle.owners.set(id, owner);
      }
    }

    // Shares: records out of the target's scope, with users and departments, read and edit.
    const byOwner = (owner: string, n: number) =>
      records.filter((r) => oracle.owners.get(r) === owner)[n]!;
    const planned: Share[] = [
      { record: records.indexOf(byOwner("admin", 0)), user: "ro_own", access: "read" },
      { record: records.indexOf(byOwner("all_b", 0)), user: "dept_a", access: "edit" },
      { record: records.indexOf(byOwner("admin", 1)), dept: "Sales", access: "read" },
      // Shared twice with the same user (directly and through the department): listed once.
      { record: records.indexOf(byOwner("admin", 1)), user: "dept_b", access: "edit" },
      { record: records.indexOf(byOwner("lab_dept", 0)), dept: "East", access: "edit" },
      { record: records.indexOf(byOwner("tree_c", 0)), user: "own_b", access: "read" },
      { record: records.indexOf(byOwner("support_dept", 0)), user: "tree_a", access: "edit" },
      { record: records.indexOf(byOwner("lab_dept", 1)), dept: "HQ", access: "read" },
      { record: records.indexOf(byOwner("admin", 2)), user: "none_a", access: "edit" },
      { record: records.indexOf(byOwner("lab_dept", 2)), user: "dept_c", access: "read" },
    ];
    for (const s of planned) {
      expect(s.record).toBeGreaterThanOrEqual(0);
      const id = records[s.record]!;
      const body = s.user
        ? { user: userIds.get(s.user)!, access: s.access }
        : { department: deptIds.get(s.dept!)!, access: s.access };
      expectStatus(await org.admin.post(`/api/data/customer/${id}/shares`, body), 201, "share");
      oracle.shares.push({ id, user: s.user, dept: s.dept, access: s.access });
    }
    for (const item of (await listAll(org.admin, "customer")).items)
      versions.set(item.id as string, item.version as number);
  });

  const roleUsers = users.filter((u) => u.roles.length > 0).map((u) => u.name);

  it("has the organisation the matrix needs", () => {
    expect(Object.keys(departments).length).toBeGreaterThanOrEqual(5);
    expect(users.length).toBeGreaterThanOrEqual(12);
    expect(records.length).toBeGreaterThanOrEqual(150);
    expect(new Set(users.flatMap((u) => u.roles.map((r) => roleSpecs[r]!.scope)))).toEqual(
      new Set(scopeRank),
    );
    // The oracle is not trivial: each user sees a different slice.
    const sizes = roleUsers.map((u) => oracle.readable(u).length);
    expect(new Set(sizes).size).toBeGreaterThan(5);
    expect(Math.min(...sizes)).toBeLessThan(Math.max(...sizes));
  });

  it("admin sees every record", async () => {
    const { ids, total } = await listAll(org.admin, "customer");
    expect(total).toBe(records.length);
    expect(ids.sort()).toEqual([...records].sort());
  });

  it("each user's list (ids and total) is exactly the oracle's readable set", async () => {
    for (const user of roleUsers) {
      const { ids, total } = await listAll(clients.get(user)!, "customer");
      const want = oracle.readable(user);
      expect(ids.sort(), user).toEqual(want);
      expect(total, user).toBe(want.length);
    }
  });

  it("a q search and a filter find only what the user may read", async () => {
    for (const user of roleUsers) {
      const client = clients.get(user)!;
      const want = oracle.readable(user).filter((r) => names.get(r)!.includes("alpha"));
      const q = await listAll(client, "customer", "&q=alpha");
      expect(q.ids.sort(), user).toEqual(want);
      expect(q.total, user).toBe(want.length);
      const filter = encodeURIComponent(
        JSON.stringify({ field: "name", op: "contains", value: "alpha" }),
      );
      const filtered = await listAll(client, "customer", `&filter=${filter}`);
      expect(filtered.ids.sort(), user).toEqual(want);
      expect(filtered.total, user).toBe(want.length);
      // An `or` or a `not` at the top of the filter must not escape the scope.
      const everything = {
        or: [
          { field: "name", op: "contains", value: "alpha" },
          { field: "name", op: "isNull", value: false },
        ],
      };
      const wide = await listAll(client, "customer", `&filter=${encode(everything)}`);
      expect(wide.ids.sort(), user).toEqual(oracle.readable(user));
      expect(wide.total, user).toBe(oracle.readable(user).length);
      const not = { not: { field: "name", op: "contains", value: "alpha" } };
      const rest = await listAll(client, "customer", `&filter=${encode(not)}`);
      const notAlpha = oracle.readable(user).filter((r) => !names.get(r)!.includes("alpha"));
      expect(rest.ids.sort(), user).toEqual(notAlpha);
      expect(rest.total, user).toBe(notAlpha.length);
    }
  });

  it("small pages add up to the user's list, each record once", async () => {
    for (const user of ["all_a", "tree_b", "dept_b", "ro_own"]) {
      const ids: string[] = [];
      for (let offset = 0; ; offset += 7) {
        const res = await clients.get(user)!.get(`/api/data/customer?limit=7&offset=${offset}`);
        expectStatus(res, 200);
        expect(res.body.total, user).toBe(oracle.readable(user).length);
        ids.push(...res.body.items.map((i: { id: string }) => i.id));
        if (res.body.items.length < 7) break;
      }
      expect(new Set(ids).size, user).toBe(ids.length);
      expect(ids.sort(), user).toEqual(oracle.readable(user));
    }
  });

  it("a user without roles is refused every record operation", async () => {
    const none = clients.get("none_a")!;
    const id = records[0]!;
    expectStatus(await none.get("/api/data/customer"), 403);
    expectStatus(await none.get(`/api/data/customer/${id}`), 403);
    expectStatus(await none.post("/api/data/customer", { name: "Nope" }), 403);
    expectStatus(await none.patch(`/api/data/customer/${id}`, { remark: "x" }, ifMatch(id)), 403);
    expectStatus(await none.delete(`/api/data/customer/${id}`), 403);
    // Even the record shared with them to edit: shares open records, not entities.
    const shared = oracle.shares.find((s) => s.user === "none_a")!.id;
    expectStatus(await none.get(`/api/data/customer/${shared}`), 403);
  });

  const ifMatch = (id: string) => ({ "if-match": `"${versions.get(id)!}"` });

  // Every (user, record) pair at least once on either database. PostgreSQL answers batches in
  // parallel, so there the draws go on to 10,000; PGlite runs one statement at a time, and
  // repeated pairs would only add minutes to a slow machine's run.
  const pairCount = testDbKind === "postgres" ? 10_000 : 0;
  const drawn = pairCount ? "10,000 seeded draws over" : "a seeded pass over";
  it(`${drawn} every (user, record) pair: GET succeeds ⇔ in the user's full list ⇔ oracle`, async () => {
    const lists = new Map<string, Set<string>>();
    for (const user of roleUsers)
      lists.set(user, new Set((await listAll(clients.get(user)!, "customer")).ids));
    // Shuffled passes over every (user, record) pair, so that none is left to chance; the
    // last pass is cut at pairCount.
    const every = roleUsers.flatMap((user) => records.map((id) => [user, id] as const));
    const pairs: (readonly [string, string])[] = [...shuffle(every)];
    while (pairs.length < pairCount) pairs.push(...shuffle(every));
    if (pairCount > every.length) pairs.length = pairCount;
    const statuses = new Map<string, number>();
    // PGlite runs one statement at a time: batches only help on PostgreSQL.
    const batchSize = testDbKind === "postgres" ? 25 : 1;
    for (let i = 0; i < pairs.length; i += batchSize) {
      const batch = pairs.slice(i, i + batchSize);
      const answers = await Promise.all(
        batch.map(([user, id]) => clients.get(user)!.get(`/api/data/customer/${id}`)),
      );
      batch.forEach(([user, id], k) => {
        const res = answers[k]!;
        const want = oracle.canRead(user, id);
        const facts = { got: res.status, listed: lists.get(user)!.has(id) };
        if (
          facts.got !== (want ? 200 : 404) ||
          facts.listed !== want ||
          (want && res.body.id !== id)
        )
          expect({ user, record: names.get(id), ...facts }).toEqual({
            user,
            record: names.get(id),
            got: want ? 200 : 404,
            listed: want,
          });
        statuses.set(res.status.toString(), (statuses.get(res.status.toString()) ?? 0) + 1);
      });
    }
    expect(new Set(statuses.keys())).toEqual(new Set(["200", "404"]));
    // Measured 45 s for 10,000 pairs on a loaded 2-core machine; a pass takes a quarter of that.
  }, 180_000);

  it("PATCH agrees with the oracle on samples of every kind, shares included", async () => {
    const sharedIds = new Set(oracle.shares.map((s) => s.id));
    const seen = new Set<number>();
    for (const user of roleUsers) {
      const client = clients.get(user)!;
      const kinds = [200, 403, 404].map((status) =>
        records.filter((r) => oracle.patchStatus(user, r) === status),
      );
      const sample = new Set([...sharedIds, ...kinds.flatMap((k) => [pick(k), pick(k)])]);
      for (const id of sample) {
        if (id === undefined) continue;
        const want = oracle.patchStatus(user, id);
        const res = await client.patch(
          `/api/data/customer/${id}`,
          { remark: `patched by ${user}` },
          ifMatch(id),
        );
        expect(res.status, `${user} PATCH ${names.get(id)} ${res.text}`).toBe(want);
        seen.add(want);
        if (want === 200) {
          expect(res.body.remark).toBe(`patched by ${user}`);
          versions.set(id, res.body.version as number);
        } else if (want === 403 && oracle.grant(user)!.actions.has("update")) {
          expect(res.body.error.message).toMatch(/may read this Customer but not change it/);
        } else if (want === 403) {
          expect(res.body.error.message).toMatch(/change Customer/);
        }
      }
    }
    expect(seen).toEqual(new Set([200, 403, 404]));
    // The refused patches changed nothing.
    for (const item of (await listAll(org.admin, "customer")).items)
      expect(item.version, names.get(item.id as string)).toBe(versions.get(item.id as string));
  });

  it("sharing needs the update right and the record in the user's scope: an edit share is not enough", async () => {
    const cases: [string, string, number][] = [];
    for (const user of roleUsers) {
      const invisible = records.find((r) => oracle.manageStatus(user, r) === 404);
      const readOnly = records.find(
        (r) => oracle.canRead(user, r) && oracle.patchStatus(user, r) !== 200,
      );
      const editShared = records.find(
        (r) => oracle.patchStatus(user, r) === 200 && oracle.manageStatus(user, r) === 403,
      );
      const manageable = records.find((r) => oracle.manageStatus(user, r) === 200);
      if (invisible) cases.push([user, invisible, 404]);
      if (readOnly) cases.push([user, readOnly, 403]);
      if (editShared) cases.push([user, editShared, 403]);
      if (manageable) cases.push([user, manageable, 201]);
    }
    // Users who may change a record only through an edit share are among the cases.
    expect(cases.filter(([user, id]) => oracle.shared(user, id, true)).length).toBeGreaterThan(0);
    for (const [user, id, want] of cases) {
      const body = { user: userIds.get("east_peer")!, access: "read" };
      const res = await clients.get(user)!.post(`/api/data/customer/${id}/shares`, body);
      expect(res.status, `${user} shares ${names.get(id)} ${res.text}`).toBe(want);
      if (want === 201) {
        oracle.shares.push({ id, user: "east_peer", access: "read" });
        versions.set(id, versions.get(id)! + 1);
      }
    }
    expect(new Set(cases.map((c) => c[2]))).toEqual(new Set([201, 403, 404]));
    const { ids } = await listAll(clients.get("east_peer")!, "customer");
    expect(ids.sort()).toEqual(oracle.readable("east_peer"));
  });

  it("POST is allowed exactly to the roles that grant create, and the new record is the user's", async () => {
    for (const user of roleUsers) {
      const client = clients.get(user)!;
      const name = `Matrix created by ${user}`;
      const res = await client.post("/api/data/customer", { name });
      const may = oracle.grant(user)!.actions.has("create");
      expectStatus(res, may ? 201 : 403, `${user} create`);
      if (!may) {
        expect(res.body.error.message).toMatch(/create Customer/);
        continue;
      }
      expect(res.body.owner).toBe(userIds.get(user));
      const id = res.body.id as string;
      records.push(id);
      names.set(id, name);
      versions.set(id, 1);
      oracle.owners.set(id, user);
      expectStatus(await client.get(`/api/data/customer/${id}`), 200);
    }
    const none = await clients.get("none_a")!.post("/api/data/customer", { name: "none" });
    expectStatus(none, 403);
  });

  it("DELETE agrees with the oracle (never through a share), and lists follow", async () => {
    const seen = new Set<number>();
    for (const user of roleUsers) {
      const client = clients.get(user)!;
      const kinds = [204, 403, 404].map((status) =>
        records.filter((r) => oracle.deleteStatus(user, r) === status),
      );
      // Records visible only through a share are the 403s that matter most.
      const viaShare = records.filter((r) => oracle.canRead(user, r) && !oracle.inScope(user, r));
      const sample = [pick(kinds[1]!), pick(kinds[2]!), ...viaShare, pick(kinds[0]!)];
      for (const id of sample) {
        if (id === undefined || !oracle.owners.has(id)) continue;
        const want = oracle.deleteStatus(user, id);
        const res = await client.delete(`/api/data/customer/${id}`);
        expect(res.status, `${user} DELETE ${names.get(id)} ${res.text}`).toBe(want);
        seen.add(want);
        if (want === 204) {
          oracle.owners.delete(id);
          oracle.shares = oracle.shares.filter((s) => s.id !== id);
          records.splice(records.indexOf(id), 1);
        }
      }
    }
    expect(seen).toEqual(new Set([204, 403, 404]));
    for (const user of [...roleUsers, "admin"]) {
      const client = user === "admin" ? org.admin : clients.get(user)!;
      const { ids, total } = await listAll(client, "customer");
      const want = user === "admin" ? [...records].sort() : oracle.readable(user);
      expect(ids.sort(), user).toEqual(want);
      expect(total, user).toBe(want.length);
    }
  });
});
