import { beforeAll, describe, expect, it } from "vitest";
import { maxPrefKeys } from "../../engine/prefs/pref-routes.ts";
import { testDbKind } from "../support/test-database.ts";
import { TestClient } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

const url = "/api/prefs/list.customer.columns";
const columns = { order: ["name", "code", "city"], hidden: ["phone"] };

describe("user preferences", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let member: TestClient;

  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "prefs");
    const res = await a.admin.post("/api/admin/users", {
      username: "mei",
      password: "member-password-1",
      displayName: "Mei",
    });
    expect(res.status, res.text).toBe(201);
    member = new TestClient(engine.app);
    await member.login(a.slug, "mei", "member-password-1");
  });

  it("reads an unset key as null, then keeps what was put", async () => {
    expect((await a.admin.get(url)).body).toEqual({ key: "list.customer.columns", value: null });
    const put = await a.admin.send("PUT", url, { value: columns });
    expect(put.status, put.text).toBe(200);
    expect((await a.admin.get(url)).body.value).toEqual(columns);
    const again = await a.admin.send("PUT", url, { value: { ...columns, hidden: [] } });
    expect(again.status).toBe(200);
    expect((await a.admin.get(url)).body.value.hidden).toEqual([]);
  });

  it("keeps each user's preferences apart", async () => {
    await a.admin.send("PUT", url, { value: columns });
    expect((await member.get(url)).body.value).toBeNull();
    await member.send("PUT", url, { value: { order: ["city"], hidden: [] } });
    expect((await a.admin.get(url)).body.value).toEqual(columns);
    expect((await member.get(url)).body.value.order).toEqual(["city"]);
  });

  it("forgets a key on DELETE", async () => {
    await member.send("PUT", "/api/prefs/theme", { value: "dark" });
    expect((await member.delete("/api/prefs/theme")).status).toBe(204);
    expect((await member.get("/api/prefs/theme")).body.value).toBeNull();
  });

  it("refuses bad keys and values with 400 naming the problem", async () => {
    for (const key of ["Upper", "1st", "a".repeat(101), "with%20space"]) {
      const res = await member.send("PUT", `/api/prefs/${key}`, { value: 1 });
      expect({ key, status: res.status }).toEqual({ key, status: 400 });
      expect(res.body.error.details.fields[0].field).toBe("key");
    }
    const big = await member.send("PUT", url, { value: "x".repeat(17 * 1024) });
    expect(big.status).toBe(400);
    expect(big.body.error.details.fields[0]).toMatchObject({ field: "value", rule: "maxBytes" });
    const missing = await member.send("PUT", url, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0]).toMatchObject({
      field: "value",
      rule: "required",
    });
    const notJson = await member.send("PUT", url, "value", { "content-type": "text/plain" });
    expect(notJson.status).toBe(415);
  });

  it(`keeps at most ${maxPrefKeys} keys per user: one more is a 409 that says the limit`, async () => {
    const res = await a.admin.post("/api/admin/users", {
      username: "hoarder",
      displayName: "hoarder",
      password: "member-password-1",
    });
    expect(res.status, res.text).toBe(201);
    const hoarder = new TestClient(engine.app);
    await hoarder.login(a.slug, "hoarder", "member-password-1");
    for (let i = 0; i < maxPrefKeys; i++) {
      const put = await hoarder.send("PUT", `/api/prefs/k${i}`, { value: "x".repeat(1000) });
      expect(put.status, put.text).toBe(200);
    }
    const refused = await hoarder.send("PUT", "/api/prefs/one.more", { value: 1 });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "too_many_prefs", details: { max: 100 } });
    expect(refused.body.error.message).toContain("100 preferences");
    expect((await hoarder.get("/api/prefs/one.more")).body.value).toBeNull();
    // Changing a key already kept is no new key; forgetting one makes room.
    expect((await hoarder.send("PUT", "/api/prefs/k0", { value: 2 })).status).toBe(200);
    expect((await hoarder.delete("/api/prefs/k1")).status).toBe(204);
    expect((await hoarder.send("PUT", "/api/prefs/one.more", { value: 1 })).status).toBe(200);
    // Others are not affected by one user's count.
    expect((await member.send("PUT", "/api/prefs/mine", { value: 1 })).status).toBe(200);
  });

  it.skipIf(testDbKind === "pglite")(
    "concurrent new keys cannot pass the limit together",
    async () => {
      const res = await a.admin.post("/api/admin/users", {
        username: "racer",
        displayName: "racer",
        password: "member-password-1",
      });
      expect(res.status, res.text).toBe(201);
      const racer = new TestClient(engine.app);
      await racer.login(a.slug, "racer", "member-password-1");
      for (let i = 0; i < maxPrefKeys - 1; i++)
        expect((await racer.send("PUT", `/api/prefs/k${i}`, { value: i })).status).toBe(200);
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          racer.send("PUT", `/api/prefs/race${i}`, { value: i }),
        ),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(29).fill(409)]);
    },
  );

  it("needs a session", async () => {
    const anonymous = new TestClient(engine.app);
    expect((await anonymous.get(url)).status).toBe(401);
    expect((await anonymous.send("PUT", url, { value: 1 })).status).toBe(401);
  });
});
