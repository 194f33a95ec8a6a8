import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../engine/app.ts";
import { TestClient } from "../support/test-client.ts";
import {
  sameSession,
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

const password = "admin-password-1";
/** A browser on the server's own page sends the Host it reached (app.request uses http://localhost). */
const own = { host: "localhost" };
/** The two ways a browser tells a cross-site request. */
const crossSite: Record<string, string>[] = [
  { "sec-fetch-site": "cross-site" },
  { host: "localhost", origin: "http://evil.example" },
];

describe("cross-site state changes", () => {
  let engine: TestEngine;
  let co: TestCompany;
  let n = 0;

  beforeAll(async () => {
    engine = await testEngine();
    co = await testCompany(engine, "xsite");
  });

  /** Creates a customer with these headers; answers the status and whether the record exists. */
  async function create(client: TestClient, headers: Record<string, string>) {
    const name = `Cross Site ${++n} ${co.slug}`;
    const res = await client.post("/api/data/customer", { name }, headers);
    const filter = encodeURIComponent(JSON.stringify({ field: "name", op: "eq", value: name }));
    const found = await co.admin.get(`/api/data/customer?filter=${filter}`);
    expect(found.status).toBe(200);
    return { status: res.status, code: res.body?.error?.code, created: found.body.total };
  }

  it("follows Sec-Fetch-Site when present", async () => {
    const refused = { status: 403, code: "cross_site", created: 0 };
    expect(await create(co.admin, { "sec-fetch-site": "cross-site" })).toEqual(refused);
    expect(await create(co.admin, { "sec-fetch-site": "same-site" })).toEqual(refused);
    expect(await create(co.admin, { "sec-fetch-site": "bogus" })).toEqual(refused);
    // Sec-Fetch-Site decides even when Origin looks right.
    expect(
      await create(co.admin, {
        ...own,
        "sec-fetch-site": "cross-site",
        origin: "http://localhost",
      }),
    ).toEqual(refused);
    const made = { status: 201, code: undefined, created: 1 };
    expect(await create(co.admin, { "sec-fetch-site": "same-origin" })).toEqual(made);
    expect(await create(co.admin, { "sec-fetch-site": "none" })).toEqual(made);
  });

  it("compares Origin with the request's own origin when Sec-Fetch-Site is absent", async () => {
    const refused = { status: 403, code: "cross_site", created: 0 };
    expect(await create(co.admin, { ...own, origin: "http://evil.example" })).toEqual(refused);
    expect(await create(co.admin, { ...own, origin: "null" })).toEqual(refused);
    expect(await create(co.admin, { ...own, origin: "https://localhost" })).toEqual(refused);
    expect(await create(co.admin, { ...own, origin: "http://localhost:8080" })).toEqual(refused);
    expect(await create(co.admin, { ...own, origin: "http://localhost.evil.example" })).toEqual(
      refused,
    );
    const made = { status: 201, code: undefined, created: 1 };
    expect(await create(co.admin, { ...own, origin: "http://localhost" })).toEqual(made);
    expect(await create(co.admin, {})).toEqual(made);
  });

  // A request without a Host header (app.request, HTTP/2 with :authority) is judged by the URL it was addressed by.
  it("accepts an Origin equal to the request URL's origin without a Host header", async () => {
    expect(await create(co.admin, { origin: "http://localhost" })).toMatchObject({ status: 201 });
  });

  it("refuses PATCH and DELETE from another site and leaves the record alone", async () => {
    const made = await co.admin.post("/api/data/customer", { name: `Kept ${co.slug}` });
    expect(made.status).toBe(201);
    const path = `/api/data/customer/${made.body.id as string}`;
    for (const headers of crossSite) {
      const patch = await co.admin.patch(
        path,
        { name: "Changed" },
        { ...headers, "if-match": '"1"' },
      );
      expect({ status: patch.status, code: patch.body.error.code }).toEqual({
        status: 403,
        code: "cross_site",
      });
      const del = await co.admin.delete(path, { ...headers, "if-match": '"1"' });
      expect({ status: del.status, code: del.body.error.code }).toEqual({
        status: 403,
        code: "cross_site",
      });
    }
    const after = await co.admin.get(path);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ name: `Kept ${co.slug}`, version: 1 });
  });

  it("refuses a cross-site login (login CSRF) and a cross-site logout", async () => {
    for (const headers of crossSite) {
      const victim = new TestClient(engine.app);
      const res = await victim.post(
        "/api/auth/login",
        { company: co.slug, username: "admin", password },
        headers,
      );
      expect({ status: res.status, code: res.body.error.code }).toEqual({
        status: 403,
        code: "cross_site",
      });
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(victim.cookie).toBeUndefined();
    }
    const client = new TestClient(engine.app);
    await client.login(co.slug, "admin", password);
    for (const headers of crossSite) {
      const out = await client.post("/api/auth/logout", undefined, headers);
      expect({ status: out.status, code: out.body.error.code }).toEqual({
        status: 403,
        code: "cross_site",
      });
    }
    expect((await client.get("/api/auth/me")).status).toBe(200);
    const pw = await client.post(
      "/api/auth/password",
      { currentPassword: password, newPassword: "hijacked-password-1" },
      { "sec-fetch-site": "cross-site" },
    );
    expect(pw.status).toBe(403);
    expect((await client.get("/api/auth/me")).status).toBe(200);
    expect(
      (await client.post("/api/auth/logout", undefined, { "sec-fetch-site": "none" })).status,
    ).toBe(204);
  });

  it("answers reads carrying cross-site headers", async () => {
    const reader = sameSession(engine, co.admin);
    for (const headers of crossSite) {
      expect((await reader.get("/api/data/customer", headers)).status).toBe(200);
      expect((await reader.get("/api/auth/me", headers)).status).toBe(200);
    }
  });

  it("refuses a body that is not JSON with 415, creating nothing", async () => {
    const name = `Plain ${co.slug}`;
    const res = await co.admin.post("/api/data/customer", JSON.stringify({ name }), {
      "content-type": "text/plain",
    });
    expect({ status: res.status, code: res.body.error.code }).toEqual({
      status: 415,
      code: "unsupported_media_type",
    });
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect(
        (await co.admin.post("/api/data/customer", `name=${name}`, { "content-type": type }))
          .status,
      ).toBe(415);
    }
    const login = await new TestClient(engine.app).post(
      "/api/auth/login",
      JSON.stringify({ company: co.slug, username: "admin", password }),
      { "content-type": "text/plain" },
    );
    expect(login.status).toBe(415);
    const filter = encodeURIComponent(JSON.stringify({ field: "name", op: "eq", value: name }));
    expect((await co.admin.get(`/api/data/customer?filter=${filter}`)).body.total).toBe(0);
  });
});

describe("with a configured public URL", () => {
  let engine: TestEngine;
  let slug: string;

  beforeAll(async () => {
    engine = await testEngine();
    ({ slug } = await testCompany(engine, "xpub"));
  });

  it("compares Origin with the public URL, not with the Host", async () => {
    const app = createApp({ ...engine.deps, publicUrl: "https://crm.example.com/some/path" });
    const client = new TestClient(app);
    const good = { origin: "https://crm.example.com", host: "localhost" };
    await client.post("/api/auth/login", { company: slug, username: "admin", password }, good);
    expect(client.cookie).toBeDefined();
    const post = (headers: Record<string, string>) =>
      client.post("/api/data/customer", { name: `Public ${slug}` }, headers);
    expect((await post(good)).status).toBe(201);
    for (const origin of [
      "http://localhost",
      "http://crm.example.com",
      "https://crm.example.com:8443",
      "https://evil.example",
    ]) {
      const res = await post({ origin, host: "localhost" });
      expect({ origin, status: res.status, code: res.body.error?.code }).toEqual({
        origin,
        status: 403,
        code: "cross_site",
      });
    }
    // A forged Host does not help: the public URL decides.
    expect((await post({ origin: "https://evil.example", host: "evil.example" })).status).toBe(403);
    expect((await post({})).status).toBe(201);
  });
});
