import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { expectStatus, OrgFixture } from "../support/org-fixture.ts";

/**
 * Merging two records (issue 16, item 6): values chosen per field, every
 * reference re-pointed (hidden fields included), the history of both kept,
 * the one merged away deleted; for company admins only; two merges of the
 * same record at once: one wins, the other is a 409.
 */

let engine: TestEngine;
let org: OrgFixture;
let admin: TestClient;
let staff: TestClient;

const create = async (entity: string, values: Record<string, unknown>) => {
  const res = await admin.post(`/api/data/${entity}`, values);
  expectStatus(res, 201, `create ${entity}`);
  return res.body.id as string;
};
const merge = (keep: string, remove: string, values: Record<string, string> = {}) =>
  admin.post("/api/admin/entities/customer/merge", { keep, remove, values });

beforeAll(async () => {
  engine = await testEngine();
  org = new OrgFixture(engine, await testCompany(engine, "merge"));
  admin = org.admin;
  const role = await org.role("all_customers", {
    modules: ["crm"],
    entities: {
      customer: { actions: ["read", "create", "update", "delete"], scope: "all" },
      contact: { actions: ["read", "create", "update"], scope: "all" },
    },
  });
  staff = (await org.user("staff", { roles: [role] })).client;
});

describe("merging two customers", () => {
  it("takes the chosen values, re-points contacts and activities, and keeps both histories", async () => {
    const keep = await create("customer", { name: "杭州恒达科技有限公司", phone: "0571-88880000" });
    const remove = await create("customer", {
      name: "恒达科技",
      mobile: "13800138000",
      email: "info@hengda.cn",
      remark: "老客户",
    });
    const contact = await create("contact", { customer: remove, name: "张三" });
    const activity = await create("activity", {
      subject: "拜访",
      customer: remove,
      contact,
      startAt: "2026-12-01T02:00:00Z",
    });
    // A company's own reference field, hidden: re-pointed too.
    expectStatus(
      await admin.post("/api/admin/entities/contact/fields", {
        key: "x_referrer",
        type: "reference",
        entity: "customer",
      }),
      201,
    );
    const referrer = await create("contact", { customer: keep, name: "李四", x_referrer: remove });
    expectStatus(
      await admin.patch("/api/admin/entities/contact/fields/x_referrer", { hidden: true }),
      200,
    );

    const res = await merge(keep, remove, { mobile: "remove", email: "remove", name: "keep" });
    expectStatus(res, 200, "merge");
    expect(res.body.record).toMatchObject({
      id: keep,
      name: "杭州恒达科技有限公司",
      phone: "0571-88880000",
      mobile: "13800138000",
      email: "info@hengda.cn",
      remark: null,
    });
    expect(res.body.repointed).toEqual({ contact: 2, activity: 1 });

    expect((await admin.get(`/api/data/contact/${contact}`)).body.customer).toBe(keep);
    expect((await admin.get(`/api/data/activity/${activity}`)).body.customer).toBe(keep);
    const hidden = await engine.deps.database.db
      .selectFrom(`co_${org.company.slug}.contact`)
      .select("x_referrer")
      .where("id", "=", referrer)
      .executeTakeFirstOrThrow();
    expect(hidden.x_referrer).toBe(keep);
    expectStatus(await admin.get(`/api/data/customer/${remove}`), 404);

    const history = await admin.get(`/api/data/customer/${keep}/history`);
    expect(history.body.items[0].changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "mobile", before: null, after: "13800138000" }),
      ]),
    );
    // The record merged away: its whole trail stays, findable by its id.
    const trail = await admin.get(
      `/api/admin/audit?target=${encodeURIComponent(`customer/${remove}`)}`,
    );
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      "record_deleted",
      "record_created",
    ]);
    expect(trail.body.items[0].detail.mergedInto).toBe(keep);
    expect(trail.body.items[0].detail.before.remark).toBe("老客户");
    // Found by its new values' keys, not twice.
    const dup = await admin.post("/api/data/customer/duplicates", {
      values: { mobile: "138 0013 8000" },
    });
    expect(dup.body.duplicates.map((d: { id: string }) => d.id)).toEqual([keep]);
  });

  it("is for company admins only", async () => {
    const a = await create("customer", { name: "甲公司" });
    const b = await create("customer", { name: "乙公司" });
    const res = await staff.post("/api/admin/entities/customer/merge", {
      keep: a,
      remove: b,
      values: {},
    });
    expectStatus(res, 403);
    expectStatus(await staff.get(`/api/data/customer/${b}`), 200);
  });

  it("refuses bad requests clearly", async () => {
    const a = await create("customer", { name: "丙公司" });
    expectStatus(await merge(a, a), 400);
    const unknown = await merge(a, "0190a000-0000-7000-8000-000000000000");
    expectStatus(unknown, 404);
    const b = await create("customer", { name: "丁公司" });
    const field = await merge(a, b, { nope: "remove" });
    expectStatus(field, 400);
    expect(field.text).toContain("nope");
    expectStatus(await admin.post("/api/admin/entities/customer/merge", { keep: a }), 400);
    expectStatus(
      await admin.post("/api/admin/entities/nothing/merge", { keep: a, remove: b, values: {} }),
      404,
    );
  });
});

describe.runIf(testDbKind === "postgres")("two merges of the same record at once", () => {
  it("lets one win; the other gets a clear 409", async () => {
    const keep = await create("customer", { name: "并发甲" });
    const other = await create("customer", { name: "并发乙" });
    const remove = await create("customer", { name: "并发丙" });
    await create("contact", { customer: remove, name: "王五" });
    const results = await Promise.all([merge(keep, remove), merge(other, remove)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const lost = results.find((r) => r.status === 409)!;
    expect(lost.body.error.code).toBe("merge_conflict");
    expect(lost.body.error.message).toContain(remove);
    const winner = results.find((r) => r.status === 200)!.body.record.id as string;
    const contacts = await admin.get(
      `/api/data/contact?filter=${encodeURIComponent(JSON.stringify({ field: "customer", op: "eq", value: winner }))}`,
    );
    expect(contacts.body.items.map((c: { name: string }) => c.name)).toEqual(["王五"]);
  });
});
