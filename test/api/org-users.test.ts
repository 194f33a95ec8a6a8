import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { beforeAll, describe, expect, it } from "vitest";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

const url = "/api/admin/users";
const password = "member-password-1";
const userKeys =
  "createdAt department displayName email id isActive isAdmin manager phone roles title username".split(
    " ",
  );

function expectProblem(res: TestResponse, field: string | undefined, rule?: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.details.fields).toContainEqual(
    expect.objectContaining({ ...(field ? { field } : {}), ...(rule ? { rule } : {}) }),
  );
}

const loginAnswer = (engine: TestEngine, slug: string, username: string, pw: string) =>
  new TestClient(engine.app).post("/api/auth/login", { company: slug, username, password: pw });

describe("users", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let adminId: string;

  /** POST a user, expecting 201. */
  const add = async (username: string, extra: Record<string, unknown> = {}) => {
    const res = await a.admin.post(url, { username, password, displayName: username, ...extra });
    expect(res.status, res.text).toBe(201);
    return res.body as Record<string, any>;
  };
  const loggedIn = async (username: string, pw = password) => {
    const client = new TestClient(engine.app);
    await client.login(a.slug, username, pw);
    return client;
  };
  const patch = (id: string, body: unknown) => a.admin.patch(`${url}/${id}`, body);

  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "usr");
    adminId = (await a.admin.get("/api/auth/me")).body.user.id;
  });

  it("lists users by username with their employee fields and nothing secret", async () => {
    const { admin } = await testCompany(engine, "ulist");
    for (const username of ["zhou", "an.li", "mei"]) {
      const res = await admin.post(url, { username, password, displayName: username });
      expect(res.status, res.text).toBe(201);
    }
    const res = await admin.get(url);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((u: { username: string }) => u.username)).toEqual([
      "admin",
      "an.li",
      "mei",
      "zhou",
    ]);
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(userKeys);
    expect(res.body.items[0]).toMatchObject({ isAdmin: true, isActive: true, manager: null });
    expect(res.text).not.toMatch(/password|hash|argon/i);
  });

  it("creates a user with every field, who can then log in", async () => {
    const dept = await a.admin.post("/api/admin/departments", { name: "Sales" });
    expect(dept.status, dept.text).toBe(201);
    const created = await add("li.na", {
      displayName: "李娜",
      email: "li.na@example.com",
      phone: "0571-8888 1234",
      title: "Sales rep",
      department: dept.body.id,
      manager: adminId,
    });
    expect(created).toEqual({
      id: expect.any(String),
      username: "li.na",
      displayName: "李娜",
      email: "li.na@example.com",
      phone: "0571-8888 1234",
      title: "Sales rep",
      department: dept.body.id,
      manager: adminId,
      isAdmin: false,
      isActive: true,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      roles: [],
    });
    const listed = (await a.admin.get(url)).body.items.find((u: any) => u.id === created.id);
    expect(listed).toEqual(created);
    const plain = await add("plain");
    expect(plain).toMatchObject({ email: null, phone: null, title: null, department: null });
    expect(plain).toMatchObject({ manager: null, isAdmin: false, isActive: true });

    const client = await loggedIn("li.na");
    const me = await client.get("/api/auth/me");
    expect(me.body.user).toMatchObject({ id: created.id, username: "li.na", isAdmin: false });
  });

  it("refuses bad usernames, taken usernames, bad passwords and unknown references", async () => {
    for (const username of ["", "has space", "u".repeat(65), "名字", "a/b", "x'y", 7, null]) {
      const res = await a.admin.post(url, { username, password, displayName: "Bad" });
      expectProblem(res, "username");
    }
    await add("u".repeat(64));
    await add("Wang_x.y@corp-1");
    const taken = await a.admin.post(url, {
      username: "Wang_x.y@corp-1",
      password,
      displayName: "X",
    });
    expect(taken.status, taken.text).toBe(409);
    expect(taken.body.error.code).toBe("duplicate");

    for (const pw of ["short7!", "p".repeat(257), undefined, 12345678]) {
      expectProblem(
        await a.admin.post(url, { username: "pw.user", password: pw, displayName: "P" }),
        "password",
      );
    }
    await add("long.pw", { password: "p".repeat(256) });
    expect((await loginAnswer(engine, a.slug, "long.pw", "p".repeat(256))).status).toBe(200);
    expectProblem(await a.admin.post(url, { username: "no.name", password }), "displayName");
    const body = { username: "ref.user", password, displayName: "R" };
    expectProblem(await a.admin.post(url, { ...body, department: uuidv7() }), "department");
    expectProblem(await a.admin.post(url, { ...body, department: "nope" }), "department");
    expectProblem(await a.admin.post(url, { ...body, manager: uuidv7() }), "manager");
    expectProblem(await a.admin.post(url, { ...body, manager: "nope" }), "manager");
    const names = (await a.admin.get(url)).body.items.map((u: { username: string }) => u.username);
    expect(names).not.toContain("pw.user");
    expect(names).not.toContain("ref.user");
  });

  it("refuses the second of two concurrent creations of the same username", async () => {
    const body = { username: "twin", password, displayName: "Twin" };
    const answers = await Promise.all([1, 2, 3, 4].map(() => a.admin.post(url, body)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(answers.filter((r) => r.body.error?.code === "duplicate")).toHaveLength(3);
  });

  it("changes employee fields and refuses unknown fields and unknown users", async () => {
    const dept = await a.admin.post("/api/admin/departments", { name: "Support" });
    const u = await add("chen.wei");
    const changed = await patch(u.id, {
      displayName: "陈伟",
      email: "chen@example.com",
      phone: "13800000000",
      title: "Engineer",
      department: dept.body.id,
      manager: adminId,
    });
    expect(changed.status, changed.text).toBe(200);
    const expected = { ...u, displayName: "陈伟", email: "chen@example.com", phone: "13800000000" };
    Object.assign(expected, { title: "Engineer", department: dept.body.id, manager: adminId });
    expect(changed.body).toEqual(expected);
    const cleared = await patch(u.id, { department: null, manager: null, email: null });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body).toMatchObject({ department: null, manager: null, email: null });
    expect(cleared.body).toMatchObject({ title: "Engineer", username: "chen.wei" });

    for (const body of [{ username: "x" }, { password }, { passwordHash: "x" }, { foo: 1 }]) {
      expect((await patch(u.id, body)).status).toBe(400);
    }
    expectProblem(await patch(u.id, { department: uuidv7() }), "department");
    expectProblem(await patch(u.id, { manager: uuidv7() }), "manager");
    expect((await patch(uuidv7(), { title: "Ghost" })).status).toBe(404);
    expect((await patch("nope", { title: "Ghost" })).status).toBe(404);
    const listed = (await a.admin.get(url)).body.items.find((x: any) => x.id === u.id);
    expect(listed).toMatchObject({ username: "chen.wei", displayName: "陈伟", department: null });
  });

  it("disabling a user ends their sessions and refuses their login until enabled", async () => {
    const u = await add("leaver");
    const client = await loggedIn("leaver");
    expect((await client.get("/api/auth/me")).status).toBe(200);
    const off = await patch(u.id, { isActive: false });
    expect(off.status, off.text).toBe(200);
    expect(off.body.isActive).toBe(false);
    expect((await client.get("/api/auth/me")).status).toBe(401);
    expect((await loginAnswer(engine, a.slug, "leaver", password)).status).toBe(401);
    expect((await patch(u.id, { isActive: true })).status).toBe(200);
    expect((await loginAnswer(engine, a.slug, "leaver", password)).status).toBe(200);
  });

  it("refuses a manager chain that would loop", async () => {
    const boss = await add("loop.a");
    const mid = await add("loop.b", { manager: boss.id });
    const low = await add("loop.c", { manager: mid.id });
    expectProblem(await patch(boss.id, { manager: boss.id }), "manager", "cycle");
    expectProblem(await patch(boss.id, { manager: mid.id }), "manager", "cycle");
    expectProblem(await patch(boss.id, { manager: low.id }), "manager", "cycle");
    const items = (await a.admin.get(url)).body.items;
    expect(items.find((x: any) => x.id === boss.id).manager).toBeNull();
    expect((await patch(low.id, { manager: boss.id })).status).toBe(200);
  });

  it("keeps an admin from locking themself out, and applies another admin's demotion at once", async () => {
    expectProblem(await patch(adminId, { isActive: false }), undefined, "self");
    expectProblem(await patch(adminId, { isAdmin: false }), undefined, "self");
    expect((await patch(adminId, { title: "Boss" })).status).toBe(200);
    expect((await a.admin.get(url)).status).toBe(200);

    const second = await add("second.admin", { isAdmin: true });
    expect(second.isAdmin).toBe(true);
    const client = await loggedIn("second.admin");
    expect((await client.get(url)).status).toBe(200);
    expect((await patch(second.id, { isAdmin: false })).status).toBe(200);
    expect((await client.get(url)).status).toBe(403);
  });

  it("resets a password: old sessions end, the old password fails and the new one works", async () => {
    const u = await add("forgetful");
    const client = await loggedIn("forgetful");
    const reset = await a.admin.post(`${url}/${u.id}/password`, { password: "fresh-password-2" });
    expect(reset.status, reset.text).toBe(204);
    expect((await client.get("/api/auth/me")).status).toBe(401);
    expect((await loginAnswer(engine, a.slug, "forgetful", password)).status).toBe(401);
    expect((await loginAnswer(engine, a.slug, "forgetful", "fresh-password-2")).status).toBe(200);
    expectProblem(await a.admin.post(`${url}/${u.id}/password`, { password: "short" }), "password");
    expectProblem(await a.admin.post(`${url}/${u.id}/password`, {}), "password");
    const ghost = await a.admin.post(`${url}/${uuidv7()}/password`, { password: "ghost-pass-1" });
    expect(ghost.status).toBe(404);
  });

  it("answers 401 without a session and 403 to a user who is not an admin", async () => {
    const u = await add("plain.clerk");
    const clerk = await loggedIn("plain.clerk");
    for (const [client, status] of [
      [new TestClient(engine.app), 401],
      [clerk, 403],
    ] as const) {
      const answers = [
        await client.get(url),
        await client.post(url, { username: "sneak", password, displayName: "S" }),
        await client.patch(`${url}/${u.id}`, { isAdmin: true }),
        await client.post(`${url}/${adminId}/password`, { password: "taken-over-1" }),
      ];
      expect(answers.map((r) => r.status)).toEqual([status, status, status, status]);
    }
    expect((await loginAnswer(engine, a.slug, "admin", "taken-over-1")).status).toBe(401);
    const items = (await a.admin.get(url)).body.items;
    expect(items.find((x: any) => x.id === u.id).isAdmin).toBe(false);
    expect(items.some((x: any) => x.username === "sneak")).toBe(false);
  });

  it("records user changes in the audit trail, never a password", async () => {
    const table = sql.id(`co_${a.slug}`, "sys_audit");
    const rows = async () =>
      (
        await sql<{ actor_id: string; actor: string; action: string; target: string; detail: any }>`
        select * from ${table} where action like 'user\\_%' order by id`.execute(
          engine.deps.database.db,
        )
      ).rows;
    const start = (await rows()).length;
    const u = await add("audited.user", { password: "secret-create-1" });
    expect((await patch(u.id, { title: "Auditor" })).status).toBe(200);
    const pw = await a.admin.post(`${url}/${u.id}/password`, { password: "secret-reset-2" });
    expect(pw.status).toBe(204);
    const entries = (await rows()).slice(start);
    const who = { actor_id: adminId, actor: "admin", target: u.id };
    expect(entries).toEqual([
      expect.objectContaining({ action: "user_created", ...who }),
      expect.objectContaining({ action: "user_changed", ...who }),
      expect.objectContaining({ action: "user_password_reset", ...who }),
    ]);
    expect(JSON.stringify(entries[0]!.detail)).toContain("audited.user");
    expect(JSON.stringify(entries[1]!.detail)).toContain("Auditor");
    const text = JSON.stringify(entries);
    for (const secret of ["secret-create-1", "secret-reset-2", "argon2"]) {
      expect(text).not.toContain(secret);
    }
  });
});
