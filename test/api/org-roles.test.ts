import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { beforeAll, describe, expect, it } from "vitest";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import {
  sameSession,
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

const url = "/api/admin/roles";
const usersUrl = "/api/admin/users";
const fieldsUrl = "/api/admin/entities/customer/fields";
const password = "member-password-1";
const roleKeys = ["id", "key", "name", "permissions", "userCount"];
const allActions = "read create update delete export import print batch batchDelete".split(" ");
const fields = { creditLimit: "hidden", code: "readOnly" };
const customer = { actions: allActions, scope: "departmentTree", fields };
const full = { modules: ["crm", "sales"], entities: { customer, product: reads({}) } };
function reads(extra: Record<string, unknown>) {
  return { actions: ["read"], scope: "all", ...extra };
}
const crm = (customer: Record<string, unknown>) => ({ modules: ["crm"], entities: { customer } });
const rules = (fields: Record<string, unknown>) => crm(reads({ fields }));

function expectProblem(res: TestResponse, field: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.details.fields).toContainEqual(expect.objectContaining({ field }));
}

/** A 400 `invalid_permissions` naming each pointer (or a pointer below it). */
function expectInvalid(res: TestResponse, ...pointers: string[]) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code, res.text).toBe("invalid_permissions");
  const problems = res.body.error.details.problems as { pointer: string; rule: string }[];
  const shape = { pointer: expect.any(String), rule: expect.any(String) };
  for (const p of problems) expect(p).toEqual(shape);
  for (const want of pointers) {
    const hit = problems.some((p) => p.pointer === want || p.pointer.startsWith(`${want}/`));
    expect(hit, `${want} in ${res.text}`).toBe(true);
  }
}

/** A 400 `invalid` from the route's schema: the permissions are ill-shaped at `pointer` (or below it). */
function expectIllShaped(res: TestResponse, pointer: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code, res.text).toBe("invalid");
  const problems = res.body.error.details.fields as { field: string; pointer?: string }[];
  const hit = problems.some(
    (p) =>
      p.field === "permissions" &&
      (p.pointer === pointer || (p.pointer ?? "").startsWith(`${pointer}/`)),
  );
  expect(hit, `${pointer} in ${res.text}`).toBe(true);
}

describe("roles", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let adminId: string;

  const create = async (key: string, permissions: unknown = {}, name = `Role ${key}`) => {
    const res = await a.admin.post(url, { key, name, permissions });
    expect(res.status, res.text).toBe(201);
    return res.body as Record<string, any>;
  };
  const addUser = async (username: string, extra: Record<string, unknown> = {}) => {
    const user = { username, password, displayName: username, ...extra };
    const res = await a.admin.post(usersUrl, user);
    expect(res.status, res.text).toBe(201);
    return res.body as Record<string, any>;
  };
  const roles = async (admin = a.admin) => {
    const res = await admin.get(url);
    expect(res.status, res.text).toBe(200);
    return res.body.items as Record<string, any>[];
  };
  const tryPermissions = (permissions: unknown) =>
    a.admin.post(url, { key: "probe", name: "Probe", permissions });

  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "rol");
    adminId = (await a.admin.get("/api/auth/me")).body.user.id;
  });

  it("creates roles and lists them by key with their permissions and user count", async () => {
    const { admin } = await testCompany(engine, "rlist");
    expect(await roles(admin)).toEqual([]);
    const made: Record<string, any>[] = [];
    const specs = Object.entries({ sales_rep: full, auditor: {}, ab: crm({}), a_c: {} });
    for (const [key, permissions] of specs) {
      const res = await admin.post(url, { key, name: `名 ${key}`, permissions });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        key,
        name: `名 ${key}`,
        permissions,
        userCount: 0,
      });
      made.push(res.body);
    }
    const items = await roles(admin);
    expect(items.map((r) => r.key)).toEqual(["a_c", "ab", "auditor", "sales_rep"]);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(roleKeys);
    expect(items.find((r) => r.key === "sales_rep")).toEqual(made[0]);
  });

  it("lists the actions the modules declare, in the user's language, and grants only those", async () => {
    const en = await a.admin.get(`${url}/actions`);
    expect(en.status, en.text).toBe(200);
    const keys = en.body.items.map((i: { key: string }) => i.key);
    expect([...keys].sort()).toEqual([...allActions].sort());
    const label = (items: { key: string; label: string }[], key: string) =>
      items.find((i) => i.key === key)?.label;
    expect(label(en.body.items, "export")).toBe("Export");
    expect(label(en.body.items, "batchDelete")).toBe("Batch delete");
    const zh = sameSession(engine, a.admin);
    zh.language = "zh-CN";
    const zhItems = (await zh.get(`${url}/actions`)).body.items;
    expect(zhItems.map((i: { key: string }) => i.key)).toEqual(keys);
    expect(label(zhItems, "export")).toBe("导出");
    expect(label(zhItems, "read")).toBe("查看");
    // The document's role schema lists the same actions; a body with another is refused by it.
    const doc = (await a.admin.get("/api/openapi.json")).body;
    const grant = doc.components.schemas.RolePermissions.properties.entities;
    expect(Object.values(grant.patternProperties ?? { any: grant.additionalProperties })).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({
          actions: expect.objectContaining({ items: expect.objectContaining({ enum: keys }) }),
        }),
      }),
    ]);
    expectIllShaped(
      await tryPermissions(crm({ actions: ["read", "archive"], scope: "all" })),
      "/entities/customer/actions/1",
    );
    await addUser("actions.clerk");
    const clerk = new TestClient(engine.app);
    await clerk.login(a.slug, "actions.clerk", password);
    expect((await clerk.get(`${url}/actions`)).status).toBe(403);
  });

  it("refuses bad keys, taken keys and bad names", async () => {
    for (const key of ["", "Admin", "1st", "_x", "a-b", "a b", "a".repeat(41), "角色", 7, null]) {
      expectProblem(await a.admin.post(url, { key, name: "Bad", permissions: {} }), "key");
    }
    await create("a".repeat(40));
    const body = { key: "z9_", name: "Twin", permissions: {} };
    const answers = await Promise.all([1, 2, 3, 4].map(() => a.admin.post(url, body)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(answers.filter((r) => r.body.error?.code === "duplicate")).toHaveLength(3);
    for (const name of ["", "n".repeat(101), 5, undefined]) {
      expectProblem(await a.admin.post(url, { key: "named", name, permissions: {} }), "name");
    }
    await create("named", {}, "n".repeat(100));
    const keys = (await roles()).map((r) => r.key);
    expect(keys.filter((k) => k === "z9_")).toHaveLength(1);
    expect(keys.filter((k) => !/^[a-z][a-z0-9_]{0,39}$/.test(k))).toEqual([]);
  });

  it("refuses each kind of invalid permissions, pointing at the problem", async () => {
    const only = (entity: string) => ({ modules: ["crm"], entities: { [entity]: reads({}) } });
    // What the company's metadata does not have, or a grant that cannot work.
    const cases: [unknown, string][] = [
      [{ modules: ["crm", "hr"] }, "/modules/1"],
      [only("order"), "/entities/order"],
      [only("product"), "/entities/product"],
      [{ entities: { customer: reads({}) } }, "/entities/customer"],
      [crm({ actions: ["read", "update", "read"], scope: "all" }), "/entities/customer/actions"],
      [crm({ actions: ["create", "update"], scope: "all" }), "/entities/customer/actions"],
      [crm({ actions: ["read"] }), "/entities/customer"],
      [rules({ nmae: "hidden" }), "/entities/customer/fields/nmae"],
      [rules({ name: "hidden" }), "/entities/customer/fields/name"],
    ];
    for (const [permissions, pointer] of cases) {
      expectInvalid(await tryPermissions(permissions), pointer);
    }
    // What the route's schema refuses: an action no module declares, a scope or rule that is none.
    const shapes: [unknown, string][] = [
      [crm({ actions: ["read", "fly"], scope: "all" }), "/entities/customer/actions/1"],
      [crm({ actions: ["read"], scope: "company" }), "/entities/customer/scope"],
      [rules({ code: "masked" }), "/entities/customer/fields/code"],
      [{ modules: ["crm"], roles: [] }, "/roles"],
      [crm(reads({ colour: "red" })), "/entities/customer/colour"],
    ];
    for (const [permissions, pointer] of shapes) {
      expectIllShaped(await tryPermissions(permissions), pointer);
    }
    for (const permissions of [null, [], "all", { modules: "crm" }]) {
      expect((await tryPermissions(permissions)).status).toBe(400);
    }
    const several = await tryPermissions({
      modules: ["crm", "hr"],
      entities: { customer: { actions: ["update"], scope: "all", fields: { nmae: "hidden" } } },
    });
    const pointers = ["/modules/1", "/entities/customer/actions", "/entities/customer/fields/nmae"];
    expectInvalid(several, ...pointers);
    expect(several.body.error.details.problems.length).toBeGreaterThanOrEqual(3);
    // A read-only rule on the title field is fine; only hiding it is refused.
    await create("title_ro", rules({ name: "readOnly" }));
    expect((await roles()).map((r) => r.key)).not.toContain("probe");
  });

  it("accepts a custom field in field rules, but not a field hidden in the company's metadata", async () => {
    const vip = await a.admin.post(fieldsUrl, { key: "x_vip", type: "boolean" });
    expect(vip.status, vip.text).toBe(201);
    const withVip = rules({ x_vip: "hidden" });
    expect((await create("vip_blind", withVip)).permissions).toEqual(withVip);
    expectInvalid(
      await tryPermissions(rules({ x_nope: "hidden" })),
      "/entities/customer/fields/x_nope",
    );
    const fax = rules({ fax: "readOnly" });
    expect((await a.admin.patch(`${fieldsUrl}/fax`, { hidden: true })).status).toBe(200);
    expectInvalid(await tryPermissions(fax), "/entities/customer/fields/fax");
    expect((await a.admin.patch(`${fieldsUrl}/fax`, { hidden: false })).status).toBe(200);
    await create("fax_ro", fax);
  });

  it("changes a role's name and permissions, refusing bad changes and unknown roles", async () => {
    const role = await create("editor", full);
    const renamed = await a.admin.patch(`${url}/${role.id}`, { name: "Editor 2" });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toEqual({ ...role, name: "Editor 2" });
    const narrowed = crm({ actions: ["read", "update"], scope: "own" });
    const changed = await a.admin.patch(`${url}/${role.id}`, { permissions: narrowed });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({ ...role, name: "Editor 2", permissions: narrowed });
    expectInvalid(
      await a.admin.patch(`${url}/${role.id}`, { name: "Lost", permissions: { modules: ["hr"] } }),
      "/modules/0",
    );
    expectProblem(await a.admin.patch(`${url}/${role.id}`, { name: "" }), "name");
    for (const body of [{ key: "other" }, { userCount: 3 }, { foo: 1 }]) {
      expect((await a.admin.patch(`${url}/${role.id}`, body)).status).toBe(400);
    }
    expect((await a.admin.patch(`${url}/${uuidv7()}`, { name: "Ghost" })).status).toBe(404);
    expect((await a.admin.patch(`${url}/nope`, { name: "Ghost" })).status).toBe(404);
    expect((await roles()).find((r) => r.id === role.id)).toEqual(changed.body);
  });

  it("gives users roles, counts them, and refuses to delete a role in use", async () => {
    const r1 = await create("clerk");
    const r2 = await create("viewer");
    const sorted = [r1.id, r2.id].sort();
    const u = await addUser("role.holder", { roles: [r2.id, r1.id] });
    expect(u.roles).toEqual(sorted);
    expect((await addUser("no.roles")).roles).toEqual([]);
    const listed = (await a.admin.get(usersUrl)).body.items.find((x: any) => x.id === u.id);
    expect(listed.roles).toEqual(sorted);
    expect((await roles()).find((r) => r.id === r1.id)?.userCount).toBe(1);

    const base = { username: "bad.roles", password, displayName: "B" };
    for (const bad of [[uuidv7()], ["nope"], "x", [r1.id, uuidv7()]]) {
      expectProblem(await a.admin.post(usersUrl, { ...base, roles: bad }), "roles");
      expectProblem(await a.admin.patch(`${usersUrl}/${u.id}`, { roles: bad }), "roles");
    }
    const names = (await a.admin.get(usersUrl)).body.items.map((x: any) => x.username);
    expect(names).not.toContain("bad.roles");

    const inUse = await a.admin.delete(`${url}/${r1.id}`);
    expect(inUse.status, inUse.text).toBe(409);
    expect(inUse.body.error.code).toBe("in_use");
    const patched = await a.admin.patch(`${usersUrl}/${u.id}`, { roles: [r2.id] });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.roles).toEqual([r2.id]);
    expect((await roles()).find((r) => r.id === r1.id)?.userCount).toBe(0);
    const kept = await a.admin.patch(`${usersUrl}/${u.id}`, { title: "Keeps" });
    expect(kept.body.roles).toEqual([r2.id]);

    expect((await a.admin.delete(`${url}/${r1.id}`)).status).toBe(204);
    expect((await roles()).some((r) => r.id === r1.id)).toBe(false);
    expect((await a.admin.delete(`${url}/${r1.id}`)).status).toBe(404);
    expect((await a.admin.delete(`${url}/nope`)).status).toBe(404);
    const cleared = await a.admin.patch(`${usersUrl}/${u.id}`, { roles: [] });
    expect(cleared.body.roles).toEqual([]);
    expect((await a.admin.delete(`${url}/${r2.id}`)).status).toBe(204);
  });

  it("keeps one company's roles out of another's reach", async () => {
    const role = await create("private_role");
    const b = await testCompany(engine, "rolb");
    expect((await b.admin.patch(`${url}/${role.id}`, { name: "Stolen" })).status).toBe(404);
    expect((await b.admin.delete(`${url}/${role.id}`)).status).toBe(404);
    const body = { username: "intruder", password, displayName: "I", roles: [role.id] };
    expectProblem(await b.admin.post(usersUrl, body), "roles");
    expect((await roles()).find((r) => r.id === role.id)?.name).toBe("Role private_role");
    const mine = await b.admin.post(url, { key: "private_role", name: "Mine", permissions: {} });
    expect(mine.status, mine.text).toBe(201);
  });

  it("answers 401 without a session and 403 to a user who is not an admin", async () => {
    const role = await create("guarded");
    await addUser("plain.clerk");
    const clerk = new TestClient(engine.app);
    await clerk.login(a.slug, "plain.clerk", password);
    const anon = new TestClient(engine.app);
    for (const [client, status] of [
      [anon, 401],
      [clerk, 403],
    ] as const) {
      const answers = [
        await client.get(url),
        await client.post(url, { key: "sneak", name: "S", permissions: {} }),
        await client.patch(`${url}/${role.id}`, { name: "Hijacked" }),
        await client.delete(`${url}/${role.id}`),
      ];
      expect(answers.map((r) => r.status)).toEqual([status, status, status, status]);
    }
    const items = await roles();
    expect(items.find((r) => r.id === role.id)?.name).toBe("Role guarded");
    expect(items.some((r) => r.key === "sneak")).toBe(false);
  });

  it("records role changes in the audit trail", async () => {
    const table = sql.id(`co_${a.slug}`, "sys_audit");
    const query = sql<{ action: string }>`
      select * from ${table} where action like 'role\\_%' order by id`;
    const rows = async () => (await query.execute(engine.deps.database.db)).rows;
    const start = (await rows()).length;
    const role = await create("audited");
    expect((await a.admin.patch(`${url}/${role.id}`, { name: "Audited 2" })).status).toBe(200);
    expect((await a.admin.delete(`${url}/${role.id}`)).status).toBe(204);
    expect((await tryPermissions({ modules: ["hr"] })).status).toBe(400);
    const who = { actor_id: adminId, actor: "admin", target: role.id };
    expect((await rows()).slice(start)).toEqual([
      expect.objectContaining({ action: "role_created", ...who }),
      expect.objectContaining({ action: "role_changed", ...who }),
      expect.objectContaining({ action: "role_deleted", ...who }),
    ]);
  });
});
