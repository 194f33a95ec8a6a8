import { beforeAll, describe, expect, it } from "vitest";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

describe("the metadata's history", () => {
  let engine: TestEngine;
  let a: TestCompany;

  beforeAll(async () => {
    engine = await testEngine();
    a = await testCompany(engine, "mhi");
  });

  const head = async () => (await a.admin.get("/api/admin/metadata")).body.head as number;

  it("says what each version changed, in the reader's language, and keeps the admin's comment", async () => {
    const start = await head();
    const added = await a.admin.post("/api/admin/entities/customer/fields", {
      key: "x_wechat",
      type: "text",
      maxLength: 50,
      labels: { "zh-CN": "微信号", en: "WeChat" },
    });
    expect(added.status, added.text).toBe(201);
    const renamed = await a.admin.patch("/api/admin/entities/customer/labels", {
      "zh-CN": { fields: { quality: "客户等级" } },
    });
    expect(renamed.status, renamed.text).toBe(200);

    const first = await a.admin.get(`/api/admin/metadata/versions/${start + 1}/changes`);
    expect(first.status, first.text).toBe(200);
    expect(first.body.against).toBe(start);
    expect(first.body.changes.map((c: { text: string }) => c.text)).toContain(
      "field customer.x_wechat added (text)",
    );
    a.admin.language = "zh-CN";
    const second = await a.admin.get(`/api/admin/metadata/versions/${start + 2}/changes`);
    a.admin.language = "en";
    expect(second.body.changes).toEqual([
      {
        path: ["entities", "customer", "labels", "zh-CN", "fields", "quality"],
        kind: "added",
        from: "客户质量",
        to: "客户等级",
        text: "customer 的 zh-CN 名称 fields.quality 由 客户质量 改为 客户等级",
      },
    ]);

    const commented = await a.admin.patch(`/api/admin/metadata/versions/${start + 2}`, {
      comment: "  销售部要求改名  ",
    });
    expect(commented.body).toEqual({ version: start + 2, comment: "销售部要求改名" });
    const versions = (await a.admin.get("/api/admin/metadata")).body.versions;
    expect(versions.find((v: { version: number }) => v.version === start + 2)).toMatchObject({
      comment: "销售部要求改名",
      createdBy: "admin",
      note: "change labels of customer",
    });
    const audit = await a.admin.get("/api/admin/audit?action=metadata_changed");
    expect(JSON.stringify(audit.body)).toContain(`comment on version ${start + 2}`);
  });

  it("refuses an unknown version, a long comment, and anyone but an admin", async () => {
    expect((await a.admin.get("/api/admin/metadata/versions/999999/changes")).status).toBe(404);
    expect(
      (await a.admin.patch("/api/admin/metadata/versions/999999", { comment: "x" })).status,
    ).toBe(404);
    const long = await a.admin.patch("/api/admin/metadata/versions/0", {
      comment: "x".repeat(501),
    });
    expect(long.status).toBe(400);
    await addStaffUser(engine, a.slug, "hist.clerk", "hist-password-1");
    const clerk = new TestClient(engine.app);
    await clerk.login(a.slug, "hist.clerk", "hist-password-1");
    expect((await clerk.get("/api/admin/metadata/versions/0/changes")).status).toBe(403);
  });

  it("rolls back a field and a label, and brings the field's values back with the field", async () => {
    const before = await head();
    expect(
      (
        await a.admin.post("/api/admin/entities/customer/fields", {
          key: "x_grade_note",
          type: "text",
          labels: { en: "Grade note" },
        })
      ).status,
    ).toBe(201);
    const withField = await head();
    const made = await a.admin.post("/api/data/customer", {
      name: "History Keeps Ltd",
      x_grade_note: "kept through rollbacks",
    });
    expect(made.status, made.text).toBe(201);

    expect((await a.admin.post("/api/admin/metadata/rollback", { version: before })).status).toBe(
      200,
    );
    const without = await a.admin.get(`/api/data/customer/${made.body.id}`);
    expect(without.body.x_grade_note).toBeUndefined();
    const back = await a.admin.get(`/api/admin/metadata/versions/${await head()}/changes`);
    expect(back.body.changes.map((c: { text: string }) => c.text)).toContain(
      "field customer.x_grade_note taken out of the metadata",
    );

    expect(
      (await a.admin.post("/api/admin/metadata/rollback", { version: withField })).status,
    ).toBe(200);
    const restored = await a.admin.get(`/api/data/customer/${made.body.id}`);
    expect(restored.body.x_grade_note).toBe("kept through rollbacks");
  });
});
