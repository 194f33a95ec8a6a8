import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient, TestResponse } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { expectStatus, listAll, OrgFixture } from "../support/org-fixture.ts";

/**
 * "View as": an admin's read with `X-View-As: <user id>` must be answered
 * exactly as that user's own logged-in read — modules, entities, fields,
 * scope, shares and X-Meta-Version — without a session of theirs, read-only,
 * limited to what screens read, and audited.
 */

interface Person {
  id: string;
  client: TestClient;
}

describe("view as another user", () => {
  let engine: TestEngine;
  let org: OrgFixture;
  let slug: string;
  const people = new Map<string, Person>();
  /** customer name → id */
  const customers = new Map<string, string>();
  let productId: string;

  const as = (name: string) => ({ "X-View-As": people.get(name)!.id });
  const sessions = async () =>
    Number(
      (
        await sql<{
          n: string | number;
        }>`select count(*) as n from ${sql.id(`co_${slug}`, "sys_session")}`.execute(
          engine.deps.database.db,
        )
      ).rows[0]!.n,
    );
  /** The newest `limit` previews in the audit trail, and how many there are. */
  const viewedAs = async (limit = 1) => {
    const res = await org.admin.get(`/api/admin/audit?action=viewed_as&limit=${limit}`);
    expectStatus(res, 200, "audit");
    return res.body as {
      total: number;
      items: {
        actor: string;
        actorId: string;
        action: string;
        target: string;
        detail: { user: string; method: string; path: string };
      }[];
    };
  };

  beforeAll(async () => {
    engine = await testEngine();
    const company = await testCompany(engine, "vas");
    slug = company.slug;
    org = new OrgFixture(engine, company);
    const sales = await org.department("Sales");
    const east = await org.department("East", sales);
    const lab = await org.department("Lab");

    const rep = await org.role("rep", {
      modules: ["crm"],
      entities: {
        customer: {
          actions: ["read", "create", "update"],
          scope: "own",
          fields: { creditLimit: "hidden", phone: "readOnly" },
        },
        contact: { actions: ["read"], scope: "department" },
      },
    });
    const manager = await org.role("manager", {
      modules: ["crm", "sales"],
      entities: {
        customer: { actions: ["read", "update", "delete"], scope: "departmentTree" },
        product: { actions: ["read"], scope: "all" },
      },
    });
    const labRole = await org.role("lab", {
      modules: ["crm"],
      entities: {
        customer: { actions: ["read"], scope: "department", fields: { remark: "hidden" } },
      },
    });
    const hidden = await org.role("hidden", {
      modules: ["sales"],
      entities: { product: { actions: ["read"], scope: "all" } },
    });
    for (const [name, department, roles] of [
      ["rep_east", east, [rep]],
      ["rep_sales", sales, [rep]],
      ["mgr_sales", sales, [manager]],
      ["lab_one", lab, [labRole]],
      ["lab_two", lab, [labRole, rep]],
      ["no_roles", east, []],
      ["no_module", null, [hidden]],
    ] as const) {
      people.set(name, await org.user(name, { department, roles: [...roles] }));
    }

    const owners = ["rep_east", "rep_sales", "mgr_sales", "lab_one", "lab_two", "admin"];
    for (const owner of owners) {
      for (const n of [1, 2]) {
        const name = `Viewco ${owner} ${n}`;
        const res = await org.admin.post("/api/data/customer", {
          name,
          creditLimit: `${1000 * n}.00`,
          phone: "021-5555000" + n,
          remark: `remark of ${owner}`,
        });
        expectStatus(res, 201, "create customer");
        customers.set(name, res.body.id as string);
        if (owner !== "admin")
          expectStatus(
            await org.admin.post(`/api/data/customer/${res.body.id}/assign`, {
              owner: people.get(owner)!.id,
            }),
            200,
            "assign",
          );
      }
    }
    // Shares: one with a user, one with a department.
    expectStatus(
      await org.admin.post(`/api/data/customer/${customers.get("Viewco admin 1")}/shares`, {
        user: people.get("rep_east")!.id,
        access: "read",
      }),
      201,
    );
    expectStatus(
      await org.admin.post(`/api/data/customer/${customers.get("Viewco admin 2")}/shares`, {
        department: lab,
        access: "edit",
      }),
      201,
    );
    const contact = await org.admin.post("/api/data/contact", {
      customer: customers.get("Viewco rep_east 1"),
      name: "Viewco contact",
    });
    expectStatus(contact, 201, "contact");
    const product = await org.admin.post("/api/data/product", { code: "VP-1", name: "Viewco P" });
    expectStatus(product, 201, "product");
    productId = product.body.id as string;
  });

  const readers = ["rep_east", "rep_sales", "mgr_sales", "lab_one", "lab_two"];
  const everyone = [...readers, "no_roles", "no_module"];

  /** The parts of an answer a client notices. */
  const seen = (res: TestResponse) => ({
    status: res.status,
    metaVersion: res.headers.get("x-meta-version"),
    body: res.body as unknown,
  });

  async function same(name: string, path: string): Promise<TestResponse> {
    const own = await people.get(name)!.client.get(path);
    const preview = await org.admin.get(path, as(name));
    expect(seen(preview), `${name} GET ${path}`).toEqual(seen(own));
    return own;
  }

  it("the fixture gives the users different views", async () => {
    const sizes = new Set<number>();
    for (const name of readers)
      sizes.add((await listAll(people.get(name)!.client, "customer")).total);
    expect(sizes.size).toBeGreaterThanOrEqual(4);
    const admin = await listAll(org.admin, "customer");
    expect(admin.total).toBe(customers.size);
  });

  it("answers /api/meta and an entity's metadata as the user would be answered", async () => {
    const metas = new Set<string>();
    for (const name of everyone) {
      const own = await same(name, "/api/meta");
      expectStatus(own, 200);
      metas.add(JSON.stringify(own.body));
      await same(name, "/api/meta/entities/customer");
      await same(name, "/api/meta/entities/product");
    }
    // The preview is not the admin's own view.
    const adminMeta = await org.admin.get("/api/meta");
    expect(metas.has(JSON.stringify(adminMeta.body))).toBe(false);
    expect(metas.size).toBeGreaterThanOrEqual(5);
    // A hidden field is hidden in the preview, as for the user.
    const rep = await org.admin.get("/api/meta/entities/customer", as("rep_east"));
    expect(Object.keys(rep.body.fields)).not.toContain("creditLimit");
    expect(rep.body.fields.phone.readOnly).toBe(true);
    const full = await org.admin.get("/api/meta/entities/customer");
    expect(Object.keys(full.body.fields)).toContain("creditLimit");
    const hidden = await org.admin.get("/api/meta/entities/customer", as("no_module"));
    expect(hidden.status).toBe(403);
  });

  it("lists exactly the user's records, with their fields, totals and pages", async () => {
    for (const name of everyone) {
      const own = await same(name, "/api/data/customer?limit=200");
      if (own.status !== 200) continue;
      const preview = await org.admin.get("/api/data/customer?limit=200", as(name));
      expect(preview.body.total, name).toBe(own.body.total);
      expect(preview.body.items.map((i: { id: string }) => i.id).sort(), name).toEqual(
        own.body.items.map((i: { id: string }) => i.id).sort(),
      );
      await same(name, "/api/data/customer?limit=2&offset=1&sort=name");
      await same(name, "/api/data/customer?q=Viewco%20admin");
      await same(name, "/api/data/contact");
      await same(name, "/api/data/product");
    }
    // Field rules show: rep_east sees no credit limit in the preview either.
    const rep = await org.admin.get("/api/data/customer?limit=200", as("rep_east"));
    expect(rep.body.items.length).toBeGreaterThan(0);
    for (const item of rep.body.items) expect(item).not.toHaveProperty("creditLimit");
    // No role: refused as the user is.
    expect((await org.admin.get("/api/data/customer", as("no_roles"))).status).toBe(403);
  });

  it("answers a single record as the user: 200 within scope or share, 404 outside", async () => {
    const statuses = new Set<number>();
    for (const name of everyone) {
      for (const id of customers.values()) {
        const own = await same(name, `/api/data/customer/${id}`);
        statuses.add(own.status);
      }
      await same(name, `/api/data/product/${productId}`);
    }
    expect(statuses).toEqual(new Set([200, 403, 404]));
    // The shared records: visible to the share's user and department only.
    const shared = customers.get("Viewco admin 1")!;
    expect((await org.admin.get(`/api/data/customer/${shared}`, as("rep_east"))).status).toBe(200);
    expect((await org.admin.get(`/api/data/customer/${shared}`, as("rep_sales"))).status).toBe(404);
    const toLab = customers.get("Viewco admin 2")!;
    expect((await org.admin.get(`/api/data/customer/${toLab}`, as("lab_one"))).status).toBe(200);
    // Owned by someone else out of scope: 404 for the preview as for the user.
    const other = customers.get("Viewco rep_sales 1")!;
    expect((await org.admin.get(`/api/data/customer/${other}`, as("rep_east"))).status).toBe(404);
    expect((await org.admin.get(`/api/data/customer/${other}`)).status).toBe(200);
  });

  it("answers /api/search and /api/openapi.json as the user", async () => {
    for (const name of everyone) {
      const search = await same(name, "/api/search?q=Viewco&limit=20");
      if (name !== "no_roles") expectStatus(search, 200, name);
      await same(name, "/api/search?q=VP-1");
      await same(name, "/api/openapi.json");
    }
    const rep = await org.admin.get("/api/search?q=Viewco&limit=20", as("rep_east"));
    const groups = rep.body.groups as { entity: string; total: number }[];
    expect(groups.map((g) => g.entity)).not.toContain("product");
    const adminSearch = await org.admin.get("/api/search?q=Viewco&limit=20");
    expect(adminSearch.body).not.toEqual(rep.body);
  });

  it("answers HEAD as the user, with their X-Meta-Version", async () => {
    for (const name of ["rep_east", "mgr_sales"]) {
      const own = await people.get(name)!.client.send("HEAD", "/api/meta");
      const preview = await org.admin.send("HEAD", "/api/meta", undefined, as(name));
      expect(preview.status).toBe(own.status);
      expect(preview.headers.get("x-meta-version")).toBe(own.headers.get("x-meta-version"));
    }
    const admin = await org.admin.send("HEAD", "/api/meta");
    const preview = await org.admin.send("HEAD", "/api/meta", undefined, as("rep_east"));
    expect(preview.headers.get("x-meta-version")).not.toBe(admin.headers.get("x-meta-version"));
  });

  it("follows the user's role change from the next request, as the user's own view does", async () => {
    const roles = await org.admin.get("/api/admin/roles");
    const lab = (roles.body.items as { id: string; key: string }[]).find((r) => r.key === "lab")!;
    const before = await org.admin.get("/api/data/customer?limit=200", as("lab_one"));
    await org.changeRole(lab.id, {
      modules: ["crm"],
      entities: { customer: { actions: ["read"], scope: "all" } },
    });
    try {
      const after = await same("lab_one", "/api/data/customer?limit=200");
      expect(after.body.total).toBe(customers.size);
      expect(after.body.total).toBeGreaterThan(before.body.total);
      await same("lab_one", "/api/meta");
    } finally {
      await org.changeRole(lab.id, {
        modules: ["crm"],
        entities: {
          customer: { actions: ["read"], scope: "department", fields: { remark: "hidden" } },
        },
      });
    }
  });

  it("creates no session for the user and sets no cookie", async () => {
    const start = await sessions();
    for (const name of everyone) {
      const res = await org.admin.get("/api/meta", as(name));
      expect(res.headers.get("set-cookie")).toBeNull();
      await org.admin.get("/api/data/customer", as(name));
      await org.admin.get("/api/search?q=Viewco", as(name));
    }
    expect(await sessions()).toBe(start);
    // The admin is still themself afterwards.
    const me = await org.admin.get("/api/auth/me");
    expect(me.body.user.username).toBe("admin");
    expect((await org.admin.get("/api/data/customer?limit=200")).body.total).toBe(customers.size);
  });

  it("refuses writes with the header and writes nothing", async () => {
    const id = customers.get("Viewco rep_east 1")!;
    const before = await org.admin.get(`/api/data/customer/${id}`);
    const count = (await org.admin.get("/api/data/customer")).body.total as number;
    const audited = (await viewedAs()).total;
    const header = as("rep_east");
    const attempts = [
      await org.admin.post("/api/data/customer", { name: "Viewco written" }, header),
      await org.admin.patch(`/api/data/customer/${id}`, { remark: "changed as" }, header),
      await org.admin.delete(`/api/data/customer/${id}`, header),
      await org.admin.post(
        `/api/data/customer/${id}/shares`,
        { user: people.get("rep_sales")!.id, access: "read" },
        header,
      ),
      await org.admin.patch(`/api/admin/users/${people.get("rep_east")!.id}`, {}, header),
    ];
    for (const res of attempts) expect(res.status, res.text).toBe(403);
    const after = await org.admin.get(`/api/data/customer/${id}`);
    expect(after.body).toEqual(before.body);
    expect((await org.admin.get("/api/data/customer")).body.total).toBe(count);
    const shares = await org.admin.get(`/api/data/customer/${id}/shares`);
    expect(shares.body.items).toEqual([]);
    expect((await viewedAs()).total).toBe(audited);
  });

  it("reads the user's own screen preferences, and changes none of them", async () => {
    const rep = people.get("rep_east")!.client;
    const key = "/api/prefs/list.customer.columns";
    const mine = { value: { hidden: ["phone"], order: ["name", "code"] } };
    expectStatus(await rep.send("PUT", key, mine), 200);
    const admins = { value: { hidden: [], order: ["code"] } };
    expectStatus(await org.admin.send("PUT", key, admins), 200);
    const previewed = await org.admin.get(key, as("rep_east"));
    expectStatus(previewed, 200);
    expect(previewed.body).toEqual((await rep.get(key)).body);
    const write = await org.admin.send("PUT", key, { value: { hidden: ["name"] } }, as("rep_east"));
    expectStatus(write, 403);
    expect((await rep.get(key)).body).toEqual(previewed.body);
  });

  it("refuses other paths, unknown users, bad ids and non-admins", async () => {
    const audited = (await viewedAs()).total;
    const header = as("rep_east");
    for (const path of [
      "/api/admin/users",
      "/api/admin/roles",
      "/api/admin/audit",
      "/api/auth/me",
      "/api/admin/metadata",
      "/api/metadata",
    ]) {
      const res = await org.admin.get(path, header);
      expect(res.status, `${path} ${res.text}`).toBe(400);
    }
    const unknown = await org.admin.get("/api/meta", {
      "X-View-As": "01900000-0000-7000-8000-000000000000",
    });
    expect(unknown.status).toBe(404);
    for (const bad of ["rep_east", "1", "not-a-uuid", `${people.get("rep_east")!.id}x`]) {
      const res = await org.admin.get("/api/meta", { "X-View-As": bad });
      expect(res.status, bad).toBe(400);
    }
    // A user who is not an admin may not preview anyone, not even themself.
    const rep = people.get("rep_east")!.client;
    for (const target of ["rep_sales", "mgr_sales", "rep_east"]) {
      const res = await rep.get("/api/data/customer", as(target));
      expect(res.status, target).toBe(403);
    }
    expect((await people.get("mgr_sales")!.client.get("/api/meta", header)).status).toBe(403);
    expect((await viewedAs()).total).toBe(audited);
  });

  it("audits each preview: admin as actor, the user as target, method and path", async () => {
    const before = (await viewedAs()).total;
    const rep = people.get("rep_east")!;
    const mgr = people.get("mgr_sales")!;
    const record = customers.get("Viewco mgr_sales 2")!;
    engine.clock.advance(1000);
    await org.admin.get("/api/meta", as("rep_east"));
    engine.clock.advance(1000);
    await org.admin.get(`/api/data/customer/${record}?x=1`, as("mgr_sales"));
    engine.clock.advance(1000);
    await org.admin.send("HEAD", "/api/search?q=Viewco", undefined, as("rep_east"));
    const { total, items: entries } = await viewedAs(3);
    expect(total).toBe(before + 3);
    const adminId = await org.adminId();
    expect(entries).toEqual([
      expect.objectContaining({
        action: "viewed_as",
        actor: "admin",
        actorId: adminId,
        target: "rep_east",
        detail: { user: rep.id, method: "HEAD", path: "/api/search" },
      }),
      expect.objectContaining({
        actor: "admin",
        target: "mgr_sales",
        detail: { user: mgr.id, method: "GET", path: `/api/data/customer/${record}` },
      }),
      expect.objectContaining({
        actor: "admin",
        target: "rep_east",
        detail: { user: rep.id, method: "GET", path: "/api/meta" },
      }),
    ]);
    // Filtered by target: only rep_east's previews.
    const byTarget = await org.admin.get("/api/admin/audit?action=viewed_as&target=rep_east");
    expect(byTarget.body.total).toBeGreaterThanOrEqual(2);
    for (const e of byTarget.body.items) expect(e.detail.user).toBe(rep.id);
  });
});
