import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { addStaffUser } from "../support/staff-user.ts";

/** Company options (Y2): switches an admin sets for everyone, as metadata versions. */
describe("company options", () => {
  let engine: TestEngine;
  let admin: TestClient;
  let staff: TestClient;

  beforeAll(async () => {
    engine = await testEngine();
    let slug: string;
    ({ admin, slug } = await testCompany(engine, "opt"));
    await addStaffUser(engine, slug, "clerk", "clerk-password-1");
    staff = new TestClient(engine.app);
    await staff.login(slug, "clerk", "clerk-password-1");
  });

  it("starts from the base defaults, in the admin API and in every user's metadata", async () => {
    expect((await admin.get("/api/admin/options")).body).toEqual({
      options: { inlineEdit: true, duplicateCheck: true },
    });
    expect((await staff.get("/api/meta")).body.options).toEqual({
      inlineEdit: true,
      duplicateCheck: true,
    });
  });

  it("turns inline editing off for everyone on their next request, audited, and back by rollback", async () => {
    const before = await staff.get("/api/meta");
    const head = (await admin.get("/api/admin/metadata")).body.head as number;
    const changed = await admin.patch("/api/admin/options", { inlineEdit: false });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.options).toEqual({ inlineEdit: false, duplicateCheck: true });
    const after = await staff.get("/api/meta");
    expect(after.body.options).toEqual({ inlineEdit: false, duplicateCheck: true });
    expect(after.headers.get("x-meta-version")).not.toBe(before.headers.get("x-meta-version"));
    const audit = await admin.get("/api/admin/audit?action=metadata_changed&limit=1");
    expect(audit.body.items[0].target).toBe("change options: inlineEdit");
    expect(audit.body.items[0].changes).toEqual([
      { path: "options", before: null, after: { inlineEdit: false } },
    ]);
    const back = await admin.post("/api/admin/metadata/rollback", { version: head });
    expect(back.status, back.text).toBe(200);
    expect((await staff.get("/api/meta")).body.options).toEqual({
      inlineEdit: true,
      duplicateCheck: true,
    });
  });

  it("refuses an empty change, an unknown option or a wrong value with 400 naming it", async () => {
    const empty = await admin.patch("/api/admin/options", {});
    expect(empty.status).toBe(400);
    const unknown = await admin.patch("/api/admin/options", { darkMode: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields).toEqual([
      { field: "darkMode", rule: "unknown", message: 'unknown field "darkMode"' },
    ]);
    const wrong = await admin.patch("/api/admin/options", { inlineEdit: "no" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].field).toBe("inlineEdit");
    expect((await admin.get("/api/admin/options")).body.options).toEqual({
      inlineEdit: true,
      duplicateCheck: true,
    });
  });

  it("is for company admins only", async () => {
    expect((await staff.get("/api/admin/options")).status).toBe(403);
    expect((await staff.patch("/api/admin/options", { inlineEdit: false })).status).toBe(403);
    expect((await staff.get("/api/meta")).body.options).toEqual({
      inlineEdit: true,
      duplicateCheck: true,
    });
  });
});
