import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";
import { expectStatus, listAll, OrgFixture } from "../support/org-fixture.ts";

/**
 * Reassigning a customer "with its related records" (issue 12, item 17): the
 * contacts and activities that refer to it and belonged to its old owner go
 * to the new owner in the same transaction — those the acting user may
 * reassign — and the answer says how many moved.
 */

const rights = ["read", "create", "update", "delete", "batch"];
const grant = (scope: string, entities = ["customer", "contact", "activity"]) => ({
  modules: ["crm"],
  entities: Object.fromEntries(
    ["customer", "contact", "activity"].map((e) => [
      e,
      { actions: entities.includes(e) ? rights : ["read"], scope },
    ]),
  ),
});

describe("reassigning with related records", () => {
  let org: OrgFixture;
  const users = new Map<string, { id: string; client: TestClient }>();
  const id = (name: string) => users.get(name)!.id;

  /** A customer of `owner` with two contacts and two activities of theirs, and one of each of `other`. */
  async function family(name: string, owner: string, other = "outsider") {
    const as = async (entity: string, body: Record<string, unknown>, who: string) => {
      const res = await org.admin.post(`/api/data/${entity}`, body);
      expectStatus(res, 201, `${entity} ${JSON.stringify(body)}`);
      const rid = res.body.id as string;
      expectStatus(
        await org.admin.post(`/api/data/${entity}/${rid}/assign`, {
          owner: id(who),
          related: false,
        }),
        200,
      );
      return rid;
    };
    const customer = await as("customer", { name }, owner);
    const contact = (n: string, who: string) => as("contact", { customer, name: n }, who);
    const activity = (subject: string, who: string, contactId?: string) =>
      as(
        "activity",
        {
          subject,
          customer,
          startAt: "2026-12-01T01:00:00Z",
          ...(contactId && { contact: contactId }),
        },
        who,
      );
    const c1 = await contact(`${name} c1`, owner);
    const c2 = await contact(`${name} c2`, owner);
    const cOther = await contact(`${name} c-other`, other);
    return {
      customer,
      contacts: [c1, c2],
      activities: [await activity(`${name} a1`, owner, c1), await activity(`${name} a2`, owner)],
      others: [cOther, await activity(`${name} a-other`, other)],
    };
  }
  const ownerOf = async (entity: string, rid: string) =>
    (await org.admin.get(`/api/data/${entity}/${rid}`)).body.owner as string;
  const owners = async (f: Awaited<ReturnType<typeof family>>) => ({
    customer: await ownerOf("customer", f.customer),
    contacts: await Promise.all(f.contacts.map((c) => ownerOf("contact", c))),
    activities: await Promise.all(f.activities.map((a) => ownerOf("activity", a))),
    others: [await ownerOf("contact", f.others[0]!), await ownerOf("activity", f.others[1]!)],
  });

  beforeAll(async () => {
    const engine = await testEngine();
    org = new OrgFixture(engine, await testCompany(engine, "rel"));
    const team = await org.department("Team");
    const own = await org.role("own", grant("own"));
    const lead = await org.role("lead", grant("department", ["customer", "contact"]));
    for (const [name, role] of [
      ["old", own],
      ["new", own],
      ["outsider", own],
      ["lead", lead],
    ] as const) {
      users.set(name, await org.user(name, { department: team, roles: [role] }));
    }
  });

  it("moves the old owner's contacts and activities with the customer, and says how many", async () => {
    const f = await family("Moving Co", "old");
    const res = await org.admin.post(`/api/data/customer/${f.customer}/assign`, {
      owner: id("new"),
    });
    expectStatus(res, 200);
    expect(res.body.owner).toBe(id("new"));
    expect(res.body._related).toEqual({ moved: 4, entities: { activity: 2, contact: 2 } });
    expect(await owners(f)).toEqual({
      customer: id("new"),
      contacts: [id("new"), id("new")],
      activities: [id("new"), id("new")],
      // Records another user owned stay theirs.
      others: [id("outsider"), id("outsider")],
    });
    // The new owner sees them; the old owner no longer does.
    const newSees = (await listAll(users.get("new")!.client, "contact")).ids;
    expect(newSees).toEqual(expect.arrayContaining(f.contacts));
    expect((await listAll(users.get("old")!.client, "activity")).ids).not.toEqual(
      expect.arrayContaining([f.activities[0]]),
    );
  });

  it("each moved record's history says it went with the customer", async () => {
    const f = await family("Traced Co", "old");
    expectStatus(
      await org.admin.post(`/api/data/customer/${f.customer}/assign`, { owner: id("new") }),
      200,
    );
    const contactHistory = await org.admin.get(`/api/data/contact/${f.contacts[0]!}/history`);
    expect(contactHistory.body.items[0]).toMatchObject({
      action: "record_reassigned",
      changes: [{ field: "owner", before: id("old"), after: id("new") }],
      via: { entity: "customer", id: f.customer, title: "Traced Co" },
    });
    const customerHistory = await org.admin.get(`/api/data/customer/${f.customer}/history`);
    expect(customerHistory.body.items[0]).toMatchObject({
      action: "record_reassigned",
      related: { contact: 2, activity: 2 },
    });
  });

  it("with related: false moves the customer alone", async () => {
    const f = await family("Alone Co", "old");
    const res = await org.admin.post(`/api/data/customer/${f.customer}/assign`, {
      owner: id("new"),
      related: false,
    });
    expectStatus(res, 200);
    expect(res.body._related).toEqual({ moved: 0, entities: {} });
    expect(await owners(f)).toMatchObject({
      customer: id("new"),
      contacts: [id("old"), id("old")],
      activities: [id("old"), id("old")],
    });
  });

  it("moves only what the acting user may reassign: a lead without rights on activities leaves them", async () => {
    const f = await family("Lead Co", "old");
    const res = await users
      .get("lead")!
      .client.post(`/api/data/customer/${f.customer}/assign`, { owner: id("new") });
    expectStatus(res, 200);
    expect(res.body._related).toEqual({ moved: 2, entities: { contact: 2 } });
    expect(await owners(f)).toMatchObject({
      contacts: [id("new"), id("new")],
      activities: [id("old"), id("old")],
    });
  });

  it("the old owner giving their customer away gives its records too", async () => {
    const f = await family("Given Co", "old");
    const res = await users
      .get("old")!
      .client.post(`/api/data/customer/${f.customer}/assign`, { owner: id("new") });
    expectStatus(res, 200);
    expect(res.body._related.moved).toBe(4);
  });

  it("a refused reassignment moves nothing", async () => {
    const f = await family("Stale Co", "old");
    const version = (await org.admin.get(`/api/data/customer/${f.customer}`)).body
      .version as number;
    const stale = await org.admin.post(
      `/api/data/customer/${f.customer}/assign`,
      { owner: id("new") },
      { "if-match": `"${version - 1}"` },
    );
    expectStatus(stale, 409);
    const nobody = await org.admin.post(`/api/data/customer/${f.customer}/assign`, {
      owner: "01900000-0000-7000-8000-000000000000",
    });
    expectStatus(nobody, 400);
    expect(await owners(f)).toMatchObject({
      customer: id("old"),
      contacts: [id("old"), id("old")],
      activities: [id("old"), id("old")],
    });
  });

  it("reassigning a contact takes its activities, one level only", async () => {
    const f = await family("Contact Co", "old");
    const res = await org.admin.post(`/api/data/contact/${f.contacts[0]!}/assign`, {
      owner: id("new"),
    });
    expectStatus(res, 200);
    expect(res.body._related).toEqual({ moved: 1, entities: { activity: 1 } });
    expect(await owners(f)).toMatchObject({
      customer: id("old"),
      contacts: [id("new"), id("old")],
      activities: [id("new"), id("old")],
    });
  });

  it("batch assign moves related records too, counting them per record and in all", async () => {
    const a = await family("Batch A", "old");
    const b = await family("Batch B", "old");
    const res = await org.admin.post("/api/data/customer/batch", {
      action: "assign",
      ids: [a.customer, b.customer],
      owner: id("new"),
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ done: 2, related: 8 });
    expect(res.body.results.map((r: { related: number }) => r.related)).toEqual([4, 4]);
    expect((await owners(b)).activities).toEqual([id("new"), id("new")]);
    const alone = await family("Batch C", "old");
    const without = await org.admin.post("/api/data/customer/batch", {
      action: "assign",
      ids: [alone.customer],
      owner: id("new"),
      related: false,
    });
    expect(without.body).toMatchObject({ done: 1, related: 0 });
    expect((await owners(alone)).contacts).toEqual([id("old"), id("old")]);
  });

  it("refuses a related flag that is not a boolean", async () => {
    const f = await family("Typed Co", "old");
    const res = await org.admin.post(`/api/data/customer/${f.customer}/assign`, {
      owner: id("new"),
      related: "yes",
    });
    expectStatus(res, 400);
    expect(res.body.error.details.fields[0].field).toBe("related");
  });
});
