import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

const missingId = "00000000-0000-4000-8000-000000000001";

let engine: TestEngine;
let admin: TestClient;

beforeAll(async () => {
  engine = await testEngine();
  ({ admin } = await testCompany(engine));
});

async function createCustomer(body: Record<string, unknown>) {
  const res = await admin.post("/api/data/customer", body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe("request errors", () => {
  it("answers 401 to every records route without a session", async () => {
    const anonymous = new TestClient(engine.app);
    const { id } = await createCustomer({ name: "Private" });
    const answers = [
      await anonymous.get("/api/data/customer"),
      await anonymous.get(`/api/data/customer/${id}`),
      await anonymous.post("/api/data/customer", { name: "Intruder" }),
      await anonymous.patch(`/api/data/customer/${id}`, { name: "X" }, { "if-match": '"1"' }),
      await anonymous.delete(`/api/data/customer/${id}`),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthenticated");
    }
    expect((await admin.get(`/api/data/customer/${id}`)).body.name).toBe("Private");
    expect((await anonymous.get("/api/health")).status).toBe(200);
  });

  it("answers 415 to a body that is not JSON and creates nothing", async () => {
    const before = (await admin.get("/api/data/customer")).body.total;
    const res = await admin.post("/api/data/customer", '{"name":"Plain"}', {
      "content-type": "text/plain",
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
    const form = await admin.post("/api/data/customer", "name=Form", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expect((await admin.get("/api/data/customer")).body.total).toBe(before);
    const charset = await admin.post("/api/data/customer", '{"name":"Charset"}', {
      "content-type": "application/json; charset=utf-8",
    });
    expect(charset.status).toBe(201);
  });

  it("answers 400 to broken JSON and to JSON that is not an object", async () => {
    const broken = await admin.post("/api/data/customer", '{"name": "Half');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/JSON/),
    });
    for (const body of ["[]", '"name"', "null", "42"]) {
      const res = await admin.post("/api/data/customer", body);
      expect(res.status, body).toBe(400);
      expect(res.body.error.message).toMatch(/object/);
    }
    const { id } = await createCustomer({ name: "Patch Body" });
    const patch = await admin.patch(`/api/data/customer/${id}`, "[1]", { "if-match": '"1"' });
    expect(patch.status).toBe(400);
    expect((await admin.get(`/api/data/customer/${id}`)).body.version).toBe(1);
  });

  it("answers 404 to an unknown entity", async () => {
    const list = await admin.get("/api/data/invoice");
    expect(list.status).toBe(404);
    expect(list.body.error).toMatchObject({
      code: "not_found",
      message: expect.stringContaining("invoice"),
    });
    expect((await admin.post("/api/data/invoice", { name: "X" })).status).toBe(404);
    expect((await admin.get(`/api/data/invoice/${missingId}`)).status).toBe(404);
  });

  it("answers 404 to an id that is not a UUID", async () => {
    const { id } = await createCustomer({ name: "Uuid Only" });
    for (const path of ["not-a-uuid", "123", id.toUpperCase(), `${id}x`]) {
      const res = await admin.get(`/api/data/customer/${path}`);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect(
      (await admin.patch("/api/data/customer/not-a-uuid", {}, { "if-match": '"1"' })).status,
    ).toBe(404);
    expect((await admin.delete("/api/data/customer/not-a-uuid")).status).toBe(404);
    expect((await admin.get(`/api/data/customer/${missingId}`)).status).toBe(404);
  });
});
