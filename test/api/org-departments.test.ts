import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../engine/companies/password.ts";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

const url = "/api/admin/departments";

interface Department {
  id: string;
  name: string;
  parent: string | null;
  depth: number;
  userCount: number;
}

function expectProblem(res: TestResponse, field: string, rule?: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.details.fields).toContainEqual(
    expect.objectContaining(rule ? { field, rule } : { field }),
  );
}

/** POST a department, expecting 201. */
async function add(admin: TestClient, name: string, parent?: string | null): Promise<Department> {
  const res = await admin.post(url, parent === undefined ? { name } : { name, parent });
  expect(res.status, res.text).toBe(201);
  expect(res.body).toMatchObject({ id: expect.any(String), name, parent: parent ?? null });
  return res.body;
}

async function list(admin: TestClient): Promise<Department[]> {
  const res = await admin.get(url);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

const newUser = (admin: TestClient, username: string, department: string) =>
  admin.post("/api/admin/users", {
    username,
    password: "member-password-1",
    displayName: username,
    department,
  });

describe("departments", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let adminId: string;

  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "dep");
    adminId = (await a.admin.get("/api/auth/me")).body.user.id;
  });

  it("lists departments depth-first, siblings by name, with parent, depth and user count", async () => {
    const { admin } = await testCompany(engine, "dtree");
    expect((await admin.get(url)).body).toEqual({ items: [] });
    const north = await add(admin, "North");
    const east = await add(admin, "East");
    const shanghai = await add(admin, "Shanghai", east.id);
    const hangzhou = await add(admin, "Hangzhou", east.id);
    const lake = await add(admin, "Lake", hangzhou.id);
    expect(lake).toEqual({
      id: lake.id,
      name: "Lake",
      parent: hangzhou.id,
      depth: 2,
      userCount: 0,
    });
    expect((await newUser(admin, "lake.worker", lake.id)).status).toBe(201);

    const items = await list(admin);
    expect(items.map((d) => [d.name, d.parent, d.depth])).toEqual([
      ["East", null, 0],
      ["Hangzhou", east.id, 1],
      ["Lake", hangzhou.id, 2],
      ["Shanghai", east.id, 1],
      ["North", null, 0],
    ]);
    expect(items.map((d) => d.id)).toEqual([east.id, hangzhou.id, lake.id, shanghai.id, north.id]);
    expect(items[2]).toEqual({
      id: lake.id,
      name: "Lake",
      parent: hangzhou.id,
      depth: 2,
      userCount: 1,
    });
    expect(items[3]!.userCount).toBe(0);
    expect(items[4]!.userCount).toBe(0);
  });

  it("refuses a missing, empty, too long or non-string name and an unknown parent", async () => {
    for (const body of [{}, { name: "" }, { name: "n".repeat(101) }, { name: 5 }, { name: null }]) {
      expectProblem(await a.admin.post(url, body), "name");
    }
    await add(a.admin, "n".repeat(100));
    expectProblem(await a.admin.post(url, { name: "Ghost", parent: uuidv7() }), "parent");
    expectProblem(await a.admin.post(url, { name: "Ghost", parent: "not-a-uuid" }), "parent");
    expectProblem(await a.admin.post(url, { name: "Ghost", parent: 42 }), "parent");
    expect((await a.admin.post(url, "{not json")).status).toBe(400);
    expect((await list(a.admin)).some((d) => d.name === "Ghost")).toBe(false);
  });

  it("keeps names unique among siblings, roots included, on create, rename and move", async () => {
    const sales = await add(a.admin, "Sales");
    const service = await add(a.admin, "Service");
    const again = await a.admin.post(url, { name: "Sales" });
    expect(again.status, again.text).toBe(409);
    expect(again.body.error.code).toBe("duplicate");
    await add(a.admin, "Team", sales.id);
    const team2 = await a.admin.post(url, { name: "Team", parent: sales.id });
    expect(team2.status).toBe(409);
    expect(team2.body.error.code).toBe("duplicate");
    // The same name under another parent is fine.
    const other = await add(a.admin, "Team", service.id);
    const squad = await add(a.admin, "Squad", service.id);
    const rename = await a.admin.patch(`${url}/${squad.id}`, { name: "Team" });
    expect(rename.status, rename.text).toBe(409);
    expect(rename.body.error.code).toBe("duplicate");
    const move = await a.admin.patch(`${url}/${other.id}`, { parent: sales.id });
    expect(move.status, move.text).toBe(409);
    const toRoot = await a.admin.patch(`${url}/${other.id}`, { name: "Sales", parent: null });
    expect(toRoot.status, toRoot.text).toBe(409);
    const items = await list(a.admin);
    expect(items.filter((d) => d.name === "Team").map((d) => d.parent)).toEqual([
      sales.id,
      service.id,
    ]);
    expect(items.filter((d) => d.name === "Sales")).toHaveLength(1);
  });

  it("refuses concurrent duplicates and concurrent moves that would close a loop", async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => a.admin.post(url, { name: "Twin" })));
    expect.soft(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const [l, r] = [await add(a.admin, "Race L"), await add(a.admin, "Race R")];
    const moves = await Promise.all([
      a.admin.patch(`${url}/${l.id}`, { parent: r.id }),
      a.admin.patch(`${url}/${r.id}`, { parent: l.id }),
    ]);
    expect(moves.map((m) => m.status).sort()).toEqual([200, 400]);
    const names = (await list(a.admin)).map((d) => d.name);
    expect(names.filter((n) => n === "Twin" || n.startsWith("Race "))).toHaveLength(3);
  });

  it("renames and moves departments, refusing cycles, unknown parents and unknown ids", async () => {
    const p = await add(a.admin, "Move P");
    const q = await add(a.admin, "Move Q");
    const c = await add(a.admin, "Move C", p.id);
    const g = await add(a.admin, "Move G", c.id);
    const renamed = await a.admin.patch(`${url}/${c.id}`, { name: "Move C2" });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ id: c.id, name: "Move C2", parent: p.id });

    const moved = await a.admin.patch(`${url}/${c.id}`, { parent: q.id });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ id: c.id, name: "Move C2", parent: q.id });
    const byId = async () => new Map((await list(a.admin)).map((d) => [d.id, d]));
    let items = await byId();
    expect(items.get(c.id)).toMatchObject({ parent: q.id, depth: 1 });
    expect(items.get(g.id)).toMatchObject({ parent: c.id, depth: 2 });

    expectProblem(await a.admin.patch(`${url}/${q.id}`, { parent: q.id }), "parent", "cycle");
    expectProblem(await a.admin.patch(`${url}/${q.id}`, { parent: c.id }), "parent", "cycle");
    expectProblem(await a.admin.patch(`${url}/${q.id}`, { parent: g.id }), "parent", "cycle");
    expectProblem(await a.admin.patch(`${url}/${c.id}`, { parent: uuidv7() }), "parent");
    expectProblem(await a.admin.patch(`${url}/${c.id}`, { name: "" }), "name");
    expect((await a.admin.patch(`${url}/${uuidv7()}`, { name: "X" })).status).toBe(404);
    expect((await a.admin.patch(`${url}/nope`, { name: "X" })).status).toBe(404);

    const root = await a.admin.patch(`${url}/${c.id}`, { parent: null });
    expect(root.status, root.text).toBe(200);
    expect(root.body).toMatchObject({ id: c.id, parent: null });
    items = await byId();
    expect(items.get(c.id)).toMatchObject({ name: "Move C2", parent: null, depth: 0 });
    expect(items.get(g.id)).toMatchObject({ parent: c.id, depth: 1 });
    expect(items.get(q.id)).toMatchObject({ parent: null, depth: 0 });
  });

  it("deletes a department only when it has no sub-departments and no users", async () => {
    const x = await add(a.admin, "Del X");
    const y = await add(a.admin, "Del Y", x.id);
    const busy = await a.admin.delete(`${url}/${x.id}`);
    expect(busy.status, busy.text).toBe(409);
    expect(busy.body.error.code).toBe("in_use");
    expect((await a.admin.delete(`${url}/${y.id}`)).status).toBe(204);
    expect((await a.admin.delete(`${url}/${x.id}`)).status).toBe(204);
    expect((await a.admin.delete(`${url}/${x.id}`)).status).toBe(404);
    expect((await a.admin.delete(`${url}/nope`)).status).toBe(404);
    expect((await list(a.admin)).some((d) => d.id === x.id || d.id === y.id)).toBe(false);

    const z = await add(a.admin, "Del Z");
    const member = await newUser(a.admin, "del.member", z.id);
    expect(member.status, member.text).toBe(201);
    const staffed = await a.admin.delete(`${url}/${z.id}`);
    expect(staffed.status, staffed.text).toBe(409);
    expect(staffed.body.error.code).toBe("in_use");
    const out = await a.admin.patch(`/api/admin/users/${member.body.id}`, { department: null });
    expect(out.status, out.text).toBe(200);
    expect((await a.admin.delete(`${url}/${z.id}`)).status).toBe(204);
  });

  it("answers 401 without a session and 403 to a user who is not an admin", async () => {
    const d = await add(a.admin, "Guarded");
    const anonymous = new TestClient(engine.app);
    const clerk = new TestClient(engine.app);
    await engine.deps.database.db
      .insertInto(`co_${a.slug}.sys_user`)
      .values({
        id: uuidv7(),
        username: "dep.clerk",
        display_name: "Clerk",
        password_hash: await hashPassword("clerk-password-1"),
        is_admin: false,
      })
      .execute();
    await clerk.login(a.slug, "dep.clerk", "clerk-password-1");
    const before = await list(a.admin);
    for (const [client, status] of [
      [anonymous, 401],
      [clerk, 403],
    ] as const) {
      const answers = [
        await client.get(url),
        await client.post(url, { name: "Intruder" }),
        await client.patch(`${url}/${d.id}`, { name: "Hijacked" }),
        await client.delete(`${url}/${d.id}`),
      ];
      expect(answers.map((r) => r.status)).toEqual([status, status, status, status]);
      expect(answers[1]!.body.error.code).toBe(status === 401 ? "unauthenticated" : "forbidden");
    }
    expect(await list(a.admin)).toEqual(before);
  });

  it("records every change in the audit trail, naming the admin and the department", async () => {
    const table = sql.id(`co_${a.slug}`, "sys_audit");
    const rows = async () =>
      (
        await sql<{ actor_id: string; actor: string; action: string; target: string; detail: any }>`
        select * from ${table} where action like 'department_%' order by id`.execute(
          engine.deps.database.db,
        )
      ).rows;
    const start = (await rows()).length;
    const d = await add(a.admin, "Audited");
    expect((await a.admin.patch(`${url}/${d.id}`, { name: "Audited Two" })).status).toBe(200);
    expect((await a.admin.delete(`${url}/${d.id}`)).status).toBe(204);
    const entries = (await rows()).slice(start);
    const who = { actor_id: adminId, actor: "admin", target: d.id };
    expect(entries).toEqual([
      expect.objectContaining({ action: "department_created", ...who }),
      expect.objectContaining({ action: "department_changed", ...who }),
      expect.objectContaining({ action: "department_deleted", ...who }),
    ]);
    expect(JSON.stringify(entries[0]!.detail)).toContain("Audited");
    expect(JSON.stringify(entries[1]!.detail)).toContain("Audited Two");
  });

  it("keeps one company's departments away from another company", async () => {
    const mine = await add(a.admin, "Private");
    const b = await testCompany(engine, "depb");
    expect(await list(b.admin)).toEqual([]);
    expect((await b.admin.patch(`${url}/${mine.id}`, { name: "Stolen" })).status).toBe(404);
    expect((await b.admin.delete(`${url}/${mine.id}`)).status).toBe(404);
    expectProblem(await b.admin.post(url, { name: "Child", parent: mine.id }), "parent");
    expectProblem(await newUser(b.admin, "b.member", mine.id), "department");
    expect((await list(a.admin)).find((d) => d.id === mine.id)).toMatchObject({
      name: "Private",
      userCount: 0,
    });
  });
});
