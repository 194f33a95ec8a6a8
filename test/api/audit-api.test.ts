import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { expectStatus } from "../support/org-fixture.ts";

/** The trigger refuses; under an owner role (audit-owner.test.ts) the grants refuse first. */
const trailRefusal = /append-only|permission denied/;

/**
 * The admin audit API: GET /api/admin/audit with filters, paging and each
 * entry's changes, /export as CSV, for admins only, and no way to rewrite
 * the trail. The company's time zone is Asia/Shanghai (UTC+8), and the story
 * below straddles local midnight, so that local days and UTC days differ.
 */

interface Entry {
  id: number;
  at: string;
  actor: string | null;
  actorId: string | null;
  action: string;
  target: string | null;
  detail: Record<string, any>;
  changes: { path: string; before: unknown; after: unknown }[];
  ip: string | null;
  userAgent: string | null;
}

const adminPassword = "admin-password-1";
const ritaPassword = "rita-password-1";
const scopeOwn = { modules: ["crm"], entities: { customer: { actions: ["read"], scope: "own" } } };
const scopeAll = { modules: ["crm"], entities: { customer: { actions: ["read"], scope: "all" } } };

describe("admin audit API", () => {
  let engine: TestEngine;
  let slug: string;
  let admin: TestClient;
  let adminId: string;
  const rita = { id: "", client: undefined as unknown as TestClient };
  const ids: Record<string, string> = {};
  /** action label → the instant it was done at */
  const at: Record<string, string> = {};

  const tick = (label: string, iso?: string) => {
    if (iso) engine.clock.current = new Date(iso);
    else engine.clock.advance(60_000);
    at[label] = engine.clock.now().toISOString();
  };
  const list = async (query = ""): Promise<{ items: Entry[]; total: number }> => {
    const res = await admin.get(`/api/admin/audit?limit=200${query}`);
    expectStatus(res, 200, `audit ${query}`);
    return res.body as { items: Entry[]; total: number };
  };
  const one = async (action: string, target?: string) => {
    const { items } = await list(`&action=${action}${target ? `&target=${target}` : ""}`);
    expect(items.length, `${action} ${target}`).toBe(1);
    return items[0]!;
  };

  beforeAll(async () => {
    engine = await testEngine();
    ({ slug, admin } = await testCompany(engine, "aud"));
    adminId = (await admin.get("/api/auth/me")).body.user.id as string;
    const ua = { "user-agent": "audit-api-test/2.0" };

    // Local day 2026-11-28 (UTC+8) runs from 2026-11-27T16:00Z to 2026-11-28T16:00Z.
    tick("adminLogin", "2026-11-28T10:00:00.000Z");
    await admin.send(
      "POST",
      "/api/auth/login",
      { company: slug, username: "admin", password: adminPassword },
      ua,
    );
    tick("departmentCreated");
    const sales = await admin.post("/api/admin/departments", { name: "Sales" }, ua);
    expectStatus(sales, 201);
    ids.sales = sales.body.id as string;
    tick("departmentChanged");
    expectStatus(
      await admin.patch(`/api/admin/departments/${ids.sales}`, { name: "Sales East" }),
      200,
    );
    tick("tempCreated");
    const temp = await admin.post("/api/admin/departments", { name: "Temp", parent: ids.sales });
    ids.temp = temp.body.id as string;
    tick("departmentDeleted");
    expectStatus(await admin.delete(`/api/admin/departments/${ids.temp}`), 204);

    tick("roleCreated");
    const role = await admin.post("/api/admin/roles", {
      key: "rep",
      name: "Rep",
      permissions: scopeOwn,
    });
    expectStatus(role, 201);
    ids.role = role.body.id as string;
    tick("roleScope");
    expectStatus(await admin.patch(`/api/admin/roles/${ids.role}`, { permissions: scopeAll }), 200);
    tick("roleRenamed");
    expectStatus(await admin.patch(`/api/admin/roles/${ids.role}`, { name: "Sales rep" }), 200);
    // A change that changes nothing is not audited.
    expectStatus(await admin.patch(`/api/admin/roles/${ids.role}`, {}), 200);

    tick("userCreated");
    const user = await admin.post("/api/admin/users", {
      username: "rita",
      password: ritaPassword,
      displayName: "Rita",
      department: ids.sales,
      roles: [ids.role],
    });
    expectStatus(user, 201);
    rita.id = user.body.id as string;
    tick("userChanged");
    expectStatus(
      await admin.patch(`/api/admin/users/${rita.id}`, { title: "Rep", department: null }),
      200,
    );

    tick("metadataChanged");
    expectStatus(
      await admin.post("/api/admin/entities/customer/fields", {
        key: "x_tier",
        type: "text",
        labels: { "zh-CN": "等级", en: "Tier" },
      }),
      201,
    );

    tick("metadataChanged2");
    expectStatus(
      await admin.post("/api/admin/entities/customer/fields", {
        key: "x_region",
        type: "text",
        labels: { "zh-CN": "区域", en: "Region" },
      }),
      201,
    );

    // Last second of local 2026-11-28, then the first of 2026-11-29.
    tick("ritaLogin", "2026-11-28T15:59:59.000Z");
    rita.client = new TestClient(engine.app);
    await rita.client.login(slug, "rita", ritaPassword);
    tick("ritaFailed", "2026-11-28T16:00:00.000Z");
    const failed = await new TestClient(engine.app).post("/api/auth/login", {
      company: slug,
      username: "rita",
      password: "not-her-password",
    });
    expectStatus(failed, 401);
    tick("ritaLogout");
    expectStatus(await rita.client.post("/api/auth/logout"), 204);
    await rita.client.login(slug, "rita", ritaPassword);

    tick("recordCreated");
    const record = await admin.post("/api/data/customer", { name: "Audited Co" });
    expectStatus(record, 201);
    ids.record = record.body.id as string;
    tick("reassigned");
    expectStatus(
      await admin.post(`/api/data/customer/${ids.record}/assign`, { owner: rita.id }),
      200,
    );
    tick("shared");
    const share = await admin.post(`/api/data/customer/${ids.record}/shares`, {
      department: ids.sales,
      access: "read",
    });
    expectStatus(share, 201);
    tick("unshared");
    expectStatus(
      await admin.delete(`/api/data/customer/${ids.record}/shares/${share.body.id}`),
      204,
    );
  });

  it("lists entries newest first with who, when, where and from what client", async () => {
    const { items, total } = await list();
    expect(total).toBe(items.length);
    expect(typeof total).toBe("number");
    for (let i = 1; i < items.length; i++) {
      const [newer, older] = [items[i - 1]!, items[i]!];
      expect(newer.at >= older.at && (newer.at > older.at || newer.id > older.id)).toBe(true);
    }
    expect(items.slice(0, 5).map((e) => e.action)).toEqual([
      "record_unshared",
      "record_shared",
      "record_reassigned",
      "record_created",
      "login",
    ]);
    const created = await one("department_created", ids.sales);
    expect(created).toEqual({
      id: expect.any(Number),
      at: at.departmentCreated,
      actor: "admin",
      actorId: adminId,
      action: "department_created",
      target: ids.sales,
      detail: { name: "Sales", parent: null },
      changes: [],
      ip: admin.address,
      userAgent: "audit-api-test/2.0",
    });
    const login = (await list(`&action=login&actor=admin`)).items.find(
      (e) => e.at === at.adminLogin,
    );
    expect(login).toMatchObject({ actorId: adminId, userAgent: "audit-api-test/2.0" });
  });

  it("shows department, role and user changes leaf by leaf", async () => {
    expect((await one("department_changed", ids.sales)).changes).toEqual([
      { path: "name", before: "Sales", after: "Sales East" },
    ]);
    expect(await one("department_deleted", ids.temp)).toMatchObject({
      at: at.departmentDeleted,
      detail: { name: "Temp", parent: ids.sales },
    });
    const role = await list(`&target=${ids.role}`);
    expect(role.items.map((e) => [e.action, e.at])).toEqual([
      ["role_changed", at.roleRenamed],
      ["role_changed", at.roleScope],
      ["role_created", at.roleCreated],
    ]);
    expect(role.items[1]!.changes).toEqual([
      { path: "permissions/entities/customer/scope", before: "own", after: "all" },
    ]);
    expect(role.items[0]!.changes).toEqual([{ path: "name", before: "Rep", after: "Sales rep" }]);
    expect(role.items[2]!.detail).toEqual({ key: "rep", name: "Rep", permissions: scopeOwn });

    const created = await one("user_created", rita.id);
    expect(created.at).toBe(at.userCreated);
    expect(created.detail).toMatchObject({ username: "rita", department: ids.sales });
    expect(JSON.stringify(created)).not.toContain(ritaPassword);
    const changed = await one("user_changed", rita.id);
    expect(changed.changes).toEqual([
      { path: "title", before: null, after: "Rep" },
      { path: "department", before: ids.sales, after: null },
    ]);
  });

  it("shows logins, failed logins, logouts and metadata changes", async () => {
    const ritas = await list("&actor=rita");
    expect(ritas.items.map((e) => [e.action, e.at])).toEqual([
      ["login", at.ritaLogout],
      ["logout", at.ritaLogout],
      ["login", at.ritaLogin],
    ]);
    for (const e of ritas.items) expect(e.actorId).toBe(rita.id);
    const failed = await one("login_failed", "rita");
    expect(failed).toMatchObject({
      at: at.ritaFailed,
      actor: null,
      actorId: null,
      detail: { reason: "wrong_password" },
    });
    const metas = (await list("&action=metadata_changed")).items;
    expect(metas.map((e) => [e.actor, e.at])).toEqual([
      ["admin", at.metadataChanged2],
      ["admin", at.metadataChanged],
    ]);
    // The company's first change of metadata adds its whole layer of changes.
    expect(metas[1]!.changes).toEqual([
      {
        path: "entities",
        before: null,
        after: {
          customer: {
            fields: { x_tier: { type: "text" } },
            labels: { en: { fields: { x_tier: "Tier" } }, "zh-CN": { fields: { x_tier: "等级" } } },
          },
        },
      },
    ]);
    // The next shows only what it added, leaf by leaf.
    expect(metas[0]!.changes).toEqual([
      { path: "entities/customer/fields/x_region", before: null, after: { type: "text" } },
      { path: "entities/customer/labels/en/fields/x_region", before: null, after: "Region" },
      { path: "entities/customer/labels/zh-CN/fields/x_region", before: null, after: "区域" },
    ]);
  });

  it("shows creates, reassignments and shares of records", async () => {
    const target = `customer/${ids.record}`;
    const record = await list(`&target=${target}`);
    expect(record.items.map((e) => [e.action, e.at])).toEqual([
      ["record_unshared", at.unshared],
      ["record_shared", at.shared],
      ["record_reassigned", at.reassigned],
      ["record_created", at.recordCreated],
    ]);
    expect(record.items[1]!.detail).toMatchObject({ department: ids.sales, access: "read" });
    expect(record.items[2]!.changes).toEqual([{ path: "owner", before: adminId, after: rita.id }]);
    expect(record.items[3]!.changes).toEqual(
      expect.arrayContaining([
        { path: "name", before: null, after: "Audited Co" },
        { path: "code", before: null, after: expect.stringMatching(/^KH/) },
      ]),
    );
  });

  it("filters by a list of actions, by actor and by target", async () => {
    const all = await list();
    const roleish = await list("&action=role_created,role_changed");
    expect(roleish.items.map((e) => e.action).sort()).toEqual([
      "role_changed",
      "role_changed",
      "role_created",
    ]);
    expect(roleish.total).toBe(3);
    const spaced = await list(`&action=${encodeURIComponent(" role_created , login_failed ")}`);
    expect(spaced.items.map((e) => e.action).sort()).toEqual(["login_failed", "role_created"]);
    const byAdmin = await list("&actor=admin");
    expect(byAdmin.items.length).toBe(all.items.filter((e) => e.actor === "admin").length);
    expect(byAdmin.items.every((e) => e.actor === "admin")).toBe(true);
    expect(byAdmin.total).toBeLessThan(all.total);
    const combined = await list(`&action=login&actor=admin`);
    expect(combined.items.every((e) => e.action === "login" && e.actor === "admin")).toBe(true);
    expect(combined.total).toBeGreaterThanOrEqual(2);
    expect((await list("&actor=nobody")).total).toBe(0);
    expect((await list("&action=never_happened")).items).toEqual([]);
  });

  /** The ids of the entries at or after `from` and before `to`, newest first. */
  const idsBetween = async (from: string, to: string) =>
    (await list()).items.filter((e) => e.at >= from && e.at < to).map((e) => e.id);

  it("filters by instants, in UTC or with an offset", async () => {
    const beforeMeta = new Date(Date.parse(at.metadataChanged!) - 30_000).toISOString();
    const fromScope = await list(`&from=${at.roleScope}&to=${beforeMeta}`);
    expect(fromScope.items.map((e) => e.at)).toEqual([
      at.userChanged,
      at.userCreated,
      at.roleRenamed,
      at.roleScope,
    ]);
    expect(fromScope.total).toBe(4);
    const local29 = encodeURIComponent("2026-11-29T00:00:00+08:00");
    const ids29 = await idsBetween("2026-11-28T16:00:00.000Z", "2026-11-29T16:00:00.000Z");
    expect(ids29.length).toBeGreaterThan(5);
    expect((await list(`&from=${local29}`)).items.map((e) => e.id)).toEqual(ids29);
    const upTo = await list(`&to=${local29}&from=2026-11-28T15:59:00Z`);
    expect(upTo.items.map((e) => e.at)).toEqual([at.ritaLogin]);
  });

  it("filters by company-local days, `to` inclusive", async () => {
    const ids28 = await idsBetween("2026-11-27T16:00:00.000Z", "2026-11-28T16:00:00.000Z");
    const ids29 = await idsBetween("2026-11-28T16:00:00.000Z", "2026-11-29T16:00:00.000Z");
    expect(ids28.length).toBeGreaterThan(10);
    const day28 = await list("&from=2026-11-28&to=2026-11-28");
    expect(day28.items.map((e) => e.id)).toEqual(ids28);
    expect(day28.total).toBe(ids28.length);
    expect(day28.items[0]!.at).toBe(at.ritaLogin);
    expect((await list("&from=2026-11-29")).items.map((e) => e.id)).toEqual(ids29);
    expect((await list("&to=2026-11-28")).items.map((e) => e.at)).toEqual(
      (await list()).items.filter((e) => e.at < "2026-11-28T16:00:00.000Z").map((e) => e.at),
    );
    // The company's creation (2026-11-27 10:00 local) is on neither day.
    expect((await list("&from=2026-11-27&to=2026-11-27")).items.map((e) => e.at)).toEqual([
      "2026-11-27T02:00:00.000Z",
    ]);
    const csv = await admin.get("/api/admin/audit/export?from=2026-11-29&actor=rita");
    expect(csv.status).toBe(200);
    expect(csv.text.split("\r\n").slice(1, -1).length).toBe(2);
  });

  it("refuses bad filter and paging values with 400, in the list and the export", async () => {
    const filters = [
      "action=Login",
      "action=login;drop",
      "action=login,",
      "from=yesterday",
      "to=28/11/2026",
      "from=2026-11-28T25:61",
    ];
    for (const query of filters) {
      for (const path of ["/api/admin/audit", "/api/admin/audit/export"]) {
        const res = await admin.get(`${path}?${query}`);
        expect(res.status, `${path}?${query} ${res.text}`).toBe(400);
      }
    }
    const field = await admin.get("/api/admin/audit?from=yesterday");
    expect(field.body.error.details.fields).toEqual([expect.objectContaining({ field: "from" })]);
    for (const query of ["limit=201", "limit=-1", "limit=ten", "offset=-5", "offset=1.5"]) {
      const res = await admin.get(`/api/admin/audit?${query}`);
      expect(res.status, `${query} ${res.text}`).toBe(400);
    }
  });

  it("refuses a day that does not exist with 400, not a server error", async () => {
    for (const query of ["from=2026-02-30", "to=2026-13-01"]) {
      const res = await admin.get(`/api/admin/audit?${query}`);
      expect(res.status, `${query} ${res.text}`).toBe(400);
    }
  });

  it("refuses values that are neither a day nor an ISO instant", async () => {
    for (const query of ["from=1", "to=Nov%2028%202026", "from=2026"]) {
      const res = await admin.get(`/api/admin/audit?${query}`);
      expect(res.status, `${query} ${res.text}`).toBe(400);
    }
  });

  it("pages with limit and offset: the pages add up to the list, total unchanged", async () => {
    const all = await list();
    const ids: number[] = [];
    for (let offset = 0; ; offset += 4) {
      const res = await admin.get(`/api/admin/audit?limit=4&offset=${offset}`);
      expectStatus(res, 200);
      expect(res.body.total).toBe(all.total);
      ids.push(...res.body.items.map((e: Entry) => e.id));
      if (res.body.items.length < 4) break;
    }
    expect(ids).toEqual(all.items.map((e) => e.id));
    const past = await admin.get(`/api/admin/audit?offset=${all.total + 10}`);
    expect(past.body).toEqual({ items: [], total: all.total });
    const filtered = await admin.get("/api/admin/audit?action=role_changed&limit=1&offset=1");
    expect(filtered.body.total).toBe(2);
    expect(filtered.body.items.map((e: Entry) => e.at)).toEqual([at.roleScope]);
    // 50 by default.
    const many = await admin.get("/api/admin/audit");
    expect(many.body.items.length).toBe(Math.min(50, all.total));
  });

  it("exports the filtered entries as CSV with a header, local times and the changes", async () => {
    const res = await admin.get("/api/admin/audit/export?action=role_changed,department_changed");
    expectStatus(res, 200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="audit\.csv"/);
    const lines = res.text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("at,actor,action,target,changes,ip");
    expect(lines.at(-1)).toBe("");
    const text = res.text;
    // Local times (UTC+8) of the three entries, newest first.
    const local = (iso: string | undefined) =>
      new Date(new Date(iso!).getTime() + 8 * 3600_000)
        .toISOString()
        .slice(0, 19)
        .replace("T", " ");
    const rows = text.split("\r\n").slice(1, -1);
    expect(rows.map((r) => r.slice(0, 19))).toEqual([
      local(at.roleRenamed),
      local(at.roleScope),
      local(at.departmentChanged),
    ]);
    expect(rows[0]).toContain(`,admin,role_changed,${ids.role},`);
    expect(text).toContain('permissions/entities/customer/scope: ""own"" → ""all""');
    expect(text).toContain('name: ""Sales"" → ""Sales East""');
    expect(rows[2]).toMatch(new RegExp(`,${admin.address.replace(/\./g, "\\.")}$`));

    // Same filters as the list: the whole unfiltered export has a line per entry.
    const { total } = await list();
    const everything = await admin.get("/api/admin/audit/export");
    const records = everything.text.split(/\r\n(?=\d{4}-\d{2}-\d{2} )/).length - 1;
    expect(records).toBe(total);
    const day = await admin.get("/api/admin/audit/export?from=2026-11-28T16:00:00Z&actor=rita");
    expect(
      day.text
        .split("\r\n")
        .slice(1, -1)
        .map((r) => r.split(",")[2]),
    ).toEqual(["login", "logout"]);
  });

  it("neutralises formulas in the CSV", async () => {
    engine.clock.advance(60_000);
    await new TestClient(engine.app).post("/api/auth/login", {
      company: slug,
      username: "=HYPERLINK(1)",
      password: "whatever-password",
    });
    const res = await admin.get("/api/admin/audit/export?action=login_failed");
    expect(res.text).toContain(",login_failed,'=HYPERLINK(1),");
    expect(res.text).not.toContain(",=HYPERLINK");
  });

  it("is for admins only", async () => {
    for (const path of [
      "/api/admin/audit",
      "/api/admin/audit/export",
      "/api/admin/audit?actor=rita",
    ])
      expect((await rita.client.get(path)).status, path).toBe(403);
    expect((await new TestClient(engine.app).get("/api/admin/audit")).status).toBe(401);
  });

  it("cannot be changed or deleted through the API", async () => {
    const before = await list();
    const id = before.items[0]!.id;
    for (const [method, path] of [
      ["PATCH", `/api/admin/audit/${id}`],
      ["PUT", `/api/admin/audit/${id}`],
      ["DELETE", `/api/admin/audit/${id}`],
      ["DELETE", "/api/admin/audit"],
      ["PATCH", "/api/admin/audit"],
      ["POST", "/api/admin/audit"],
      ["PUT", "/api/admin/audit"],
      ["DELETE", "/api/admin/audit/export"],
      ["POST", `/api/admin/audit/${id}/delete`],
    ] as const) {
      const body = method === "DELETE" ? undefined : { actor: "someone", detail: {} };
      const res = await admin.send(method, path, body);
      expect([404, 405], `${method} ${path} ${res.text}`).toContain(res.status);
    }
    expect(await list()).toEqual(before);
  });

  it("refuses rewriting the trail in the database by upsert, writable CTE and MERGE", async () => {
    // security-audit.test.ts covers plain UPDATE, DELETE and TRUNCATE; these are other ways in.
    const db = engine.deps.database.db;
    const table = sql.id(`co_${slug}`, "sys_audit");
    const before = await list();
    const id = before.items.at(-1)!.id;
    const statements = [
      sql`insert into ${table} overriding system value
            select * from ${table} where id = ${id}
          on conflict (id) do update set actor = 'someone else'`,
      sql`with gone as (delete from ${table} where id = ${id} returning id) select * from gone`,
      sql`with changed as (update ${table} set target = 'x' where id = ${id} returning id)
          select * from changed`,
      sql`merge into ${table} t using (select ${id}::bigint as id) s on t.id = s.id
          when matched then update set actor = 'someone else'`,
      sql`merge into ${table} t using (select ${id}::bigint as id) s on t.id = s.id
          when matched then delete`,
    ];
    for (const statement of statements)
      await expect(statement.execute(db)).rejects.toThrow(trailRefusal);
    expect(await list()).toEqual(before);
  });
});
