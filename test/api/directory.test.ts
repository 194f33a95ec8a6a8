import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { addStaffUser } from "../support/staff-user.ts";

/** Everyone signed in can find colleagues and departments to assign or share with, and no more. */
describe("the directory of people and departments", () => {
  let engine: TestEngine;
  let admin: TestClient;
  let slug: string;
  let staff: TestClient;
  let salesId: string;

  beforeAll(async () => {
    engine = await testEngine();
    ({ admin, slug } = await testCompany(engine, "dir"));
    const dept = await admin.post("/api/admin/departments", { name: "华东销售" });
    expect(dept.status, dept.text).toBe(201);
    salesId = dept.body.id as string;
    await addStaffUser(engine, slug, "wang", "wang-password-1", {
      displayName: "王芳",
      departmentId: salesId,
      permissions: { modules: [], entities: {} },
    });
    await addStaffUser(engine, slug, "li", "li-password-1", { displayName: "李雷" });
    const gone = await admin.post("/api/admin/users", {
      username: "gone",
      password: "gone-password-1",
      displayName: "Gone Away",
    });
    expect(gone.status, gone.text).toBe(201);
    expect(
      (await admin.patch(`/api/admin/users/${gone.body.id as string}`, { isActive: false })).status,
    ).toBe(200);
    staff = new TestClient(engine.app);
    await staff.login(slug, "wang", "wang-password-1");
  });

  it("lists active users with their department to any user, even one without rights", async () => {
    const res = await staff.get("/api/directory/users");
    expect(res.status, res.text).toBe(200);
    const names = res.body.items.map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual(["admin", "李雷", "王芳"]);
    const wang = res.body.items.find((u: { username: string }) => u.username === "wang");
    expect(wang).toEqual({
      id: expect.any(String),
      username: "wang",
      displayName: "王芳",
      department: { id: salesId, name: "华东销售" },
    });
    // Contact data, roles and admin flags stay behind the admin API.
    expect(Object.keys(wang)).toEqual(["id", "username", "displayName", "department"]);
  });

  it("finds by part of a name or username, case-insensitively and literally", async () => {
    const byName = await staff.get(`/api/directory/users?q=${encodeURIComponent("王")}`);
    expect(byName.body.items.map((u: { username: string }) => u.username)).toEqual(["wang"]);
    const byUser = await staff.get("/api/directory/users?q=LI");
    expect(byUser.body.items.map((u: { username: string }) => u.username)).toEqual(["li"]);
    const literal = await staff.get("/api/directory/users?q=%25");
    expect(literal.body.items).toEqual([]);
    const limited = await staff.get("/api/directory/users?limit=1");
    expect(limited.body.items).toHaveLength(1);
  });

  it("lists departments with their parent", async () => {
    const res = await staff.get("/api/directory/departments");
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([{ id: salesId, name: "华东销售", parent: null }]);
  });

  it("refuses a bad limit and answers 401 without a session", async () => {
    for (const limit of ["0", "51", "x"]) {
      const res = await staff.get(`/api/directory/users?limit=${limit}`);
      expect(res.status, limit).toBe(400);
    }
    expect((await new TestClient(engine.app).get("/api/directory/users")).status).toBe(401);
  });
});
