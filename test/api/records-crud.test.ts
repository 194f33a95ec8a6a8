import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const missingId = "00000000-0000-4000-8000-000000000001";

let engine: TestEngine;
let admin: TestClient;
let adminId: string;

beforeAll(async () => {
  engine = await testEngine();
  ({ admin } = await testCompany(engine));
  adminId = (await admin.get("/api/auth/me")).body.user.id;
});

async function createCustomer(body: Record<string, unknown>) {
  const res = await admin.post("/api/data/customer", body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe("create and read", () => {
  it("answers 201 with the whole record, its version as ETag and server fields set", async () => {
    const at = engine.clock.current.toISOString();
    const res = await admin.post("/api/data/customer", {
      name: "宁波海曙电子有限公司",
      city: "宁波",
      employees: 42,
      tags: ["vip", "overseas"],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const c = res.body;
    expect(c.id).toMatch(uuidPattern);
    expect(c).toMatchObject({
      code: "KH202611-0001",
      name: "宁波海曙电子有限公司",
      shortName: null,
      city: "宁波",
      employees: 42,
      tags: ["vip", "overseas"],
      isKeyAccount: false,
      creditLimit: null,
      owner: adminId,
      createdBy: adminId,
      updatedBy: adminId,
      createdAt: at,
      updatedAt: at,
      version: 1,
      _display: { owner: "admin", createdBy: "admin", updatedBy: "admin" },
    });
    const keys = Object.keys(c);
    expect(keys[0]).toBe("id");
    expect(keys.slice(-6)).toEqual([
      "createdBy",
      "updatedBy",
      "createdAt",
      "updatedAt",
      "version",
      "_display",
    ]);
    expect(keys).toContain("remark");
  });

  it("reads back exactly what create answered, with the same ETag", async () => {
    const created = await createCustomer({ name: "Read Back Ltd", creditLimit: "1000" });
    const read = await admin.get(`/api/data/customer/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"1"');
    expect(read.body).toEqual(created);
    expect(read.body.creditLimit).toBe("1000.00");
  });
});

describe("list", () => {
  let client: TestClient;
  const names = ["first", "second", "third", "fourth", "fifth"];

  beforeAll(async () => {
    ({ admin: client } = await testCompany(engine, "list"));
    for (const name of names) {
      engine.clock.advance(1000);
      expect((await client.post("/api/data/customer", { name })).status).toBe(201);
    }
  });

  it("lists newest first with the total", async () => {
    const res = await client.get("/api/data/customer");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    expect(res.body.items.map((r: { name: string }) => r.name)).toEqual([...names].reverse());
    expect(res.body.items[0]._display.owner).toBe("admin");
  });

  it("pages with limit and offset, the total staying the whole count", async () => {
    const page = await client.get("/api/data/customer?limit=2&offset=1");
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(5);
    expect(page.body.items.map((r: { name: string }) => r.name)).toEqual(["fourth", "third"]);
    const past = await client.get("/api/data/customer?limit=10&offset=5");
    expect(past.body).toEqual({ items: [], total: 5, totalKind: "exact", next: null });
    expect((await client.get("/api/data/customer?limit=200")).body.items).toHaveLength(5);
  });

  it("refuses a limit above 200 and malformed paging parameters, naming them", async () => {
    const big = await client.get("/api/data/customer?limit=201");
    expect(big.status).toBe(400);
    expect(big.body.error.code).toBe("limit_exceeded");
    expect(big.body.error.message).toMatch(/limit ≤ 200/);
    expect(big.body.error.details).toEqual({ limit: "limit", max: 200 });
    for (const query of ["limit=-1", "limit=abc", "limit=1.5"]) {
      const res = await client.get(`/api/data/customer?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.message).toMatch(/^limit/);
    }
    const offset = await client.get("/api/data/customer?offset=x");
    expect(offset.status).toBe(400);
    expect(offset.body.error.message).toMatch(/^offset/);
  });

  it("shows only the session's own company", async () => {
    const mine = await client.get("/api/data/customer?limit=200");
    const other = await admin.get("/api/data/customer?limit=200");
    const otherIds = new Set(other.body.items.map((r: { id: string }) => r.id));
    expect(mine.body.items.some((r: { id: string }) => otherIds.has(r.id))).toBe(false);
    const foreign = await client.get(`/api/data/customer/${other.body.items[0].id}`);
    expect(foreign.status).toBe(404);
  });
});

describe("patch", () => {
  it("changes only the fields sent, clears nulls and increments the version", async () => {
    const created = await createCustomer({
      name: "Patch Me Co",
      city: "苏州",
      phone: "0512-6666 8888",
      remark: "keep me",
    });
    engine.clock.advance(60_000);
    const res = await admin.patch(
      `/api/data/customer/${created.id}`,
      { shortName: "PMC", city: null },
      { "if-match": '"1"' },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("etag")).toBe('"2"');
    expect(res.body).toEqual({
      ...created,
      shortName: "PMC",
      city: null,
      version: 2,
      updatedAt: engine.clock.current.toISOString(),
    });
    expect(res.body.updatedAt).not.toBe(created.updatedAt);
    const read = await admin.get(`/api/data/customer/${created.id}`);
    expect(read.body).toEqual(res.body);
    expect(read.headers.get("etag")).toBe('"2"');
  });

  it('accepts If-Match as "n", W/"n" and refuses other forms', async () => {
    const { id } = await createCustomer({ name: "Etag Forms" });
    const strong = await admin.patch(
      `/api/data/customer/${id}`,
      { city: "A" },
      { "if-match": '"1"' },
    );
    expect(strong.body.version).toBe(2);
    const weak = await admin.patch(
      `/api/data/customer/${id}`,
      { city: "B" },
      { "if-match": 'W/"2"' },
    );
    expect(weak.status).toBe(200);
    expect(weak.body).toMatchObject({ city: "B", version: 3 });
    expect(weak.headers.get("etag")).toBe('"3"');
    const bad = await admin.patch(`/api/data/customer/${id}`, { city: "C" }, { "if-match": "*" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("bad_request");
    expect((await admin.get(`/api/data/customer/${id}`)).body).toMatchObject({
      city: "B",
      version: 3,
    });
  });

  it("answers 428 without If-Match and changes nothing", async () => {
    const created = await createCustomer({ name: "No Precondition" });
    const res = await admin.patch(`/api/data/customer/${created.id}`, { city: "X" });
    expect(res.status).toBe(428);
    expect(res.body.error.code).toBe("precondition_required");
    expect(res.body.error.message).toMatch(/If-Match/);
    expect((await admin.get(`/api/data/customer/${created.id}`)).body).toEqual(created);
  });

  it("answers 409 stale to an old version, with the current record in the details", async () => {
    const { id } = await createCustomer({ name: "Stale Target" });
    await admin.patch(`/api/data/customer/${id}`, { city: "Fresh" }, { "if-match": '"1"' });
    const stale = await admin.patch(
      `/api/data/customer/${id}`,
      { city: "Lost update" },
      { "if-match": '"1"' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale");
    const current = await admin.get(`/api/data/customer/${id}`);
    expect(current.body.city).toBe("Fresh");
    expect(current.body.version).toBe(2);
    expect(stale.body.error.details.current).toEqual(current.body);
  });

  it("lets only one of two simultaneous patches of the same version win", async () => {
    const { id } = await createCustomer({ name: "Race" });
    const answers = await Promise.all(
      ["A", "B"].map((city) =>
        admin.patch(`/api/data/customer/${id}`, { city }, { "if-match": '"1"' }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = answers.find((r) => r.status === 200)!;
    const read = await admin.get(`/api/data/customer/${id}`);
    expect(read.body).toEqual(winner.body);
    expect(read.body.version).toBe(2);
  });

  it("answers 404 for a record that does not exist", async () => {
    const res = await admin.patch(
      `/api/data/customer/${missingId}`,
      { city: "X" },
      { "if-match": '"1"' },
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});

describe("delete", () => {
  it("deletes with 204; the record is gone from get and list", async () => {
    const { id } = await createCustomer({ name: "Delete Me" });
    const res = await admin.delete(`/api/data/customer/${id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const read = await admin.get(`/api/data/customer/${id}`);
    expect(read.status).toBe(404);
    expect(read.body.error).toEqual({
      code: "not_found",
      message: `no Customer with id ${id}`,
      details: null,
    });
    const list = await admin.get("/api/data/customer?limit=200");
    expect(list.body.items.some((r: { id: string }) => r.id === id)).toBe(false);
    expect((await admin.delete(`/api/data/customer/${id}`)).status).toBe(404);
  });

  it("honours If-Match on delete: a stale version is refused and the record kept", async () => {
    const { id } = await createCustomer({ name: "Guarded Delete" });
    await admin.patch(`/api/data/customer/${id}`, { city: "Y" }, { "if-match": '"1"' });
    const stale = await admin.delete(`/api/data/customer/${id}`, { "if-match": '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale");
    expect(stale.body.error.details.current.version).toBe(2);
    expect((await admin.get(`/api/data/customer/${id}`)).status).toBe(200);
    expect((await admin.delete(`/api/data/customer/${id}`, { "if-match": '"2"' })).status).toBe(
      204,
    );
  });
});
