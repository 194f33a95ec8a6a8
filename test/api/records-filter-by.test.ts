import { beforeAll, describe, expect, it } from "vitest";
import { loadBaseMetadata } from "../../engine/metadata/load-base-metadata.ts";
import { MetadataInvalidError } from "../../engine/metadata/metadata-error.ts";
import { copyMetadataRoot, editJson } from "../support/metadata-copy.ts";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

/**
 * A reference field's `filterBy` (activity.contact follows activity.customer):
 * the API takes only a contact of the activity's customer, whatever the
 * client offered, and metadata naming fields that do not match is refused.
 */

let admin: TestClient;

beforeAll(async () => {
  const engine = await testEngine();
  ({ admin } = await testCompany(engine, "fby"));
});

async function create(entity: string, body: Record<string, unknown>) {
  const res = await admin.post(`/api/data/${entity}`, body);
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number } & Record<string, unknown>;
}

const startAt = "2026-12-01T01:00:00Z";

describe("activity.contact filterBy {customer: customer}", () => {
  let acme: string;
  let globex: string;
  let acmeContact: string;
  let globexContact: string;

  beforeAll(async () => {
    acme = (await create("customer", { name: "Acme" })).id;
    globex = (await create("customer", { name: "Globex" })).id;
    acmeContact = (await create("contact", { customer: acme, name: "Ann of Acme" })).id;
    globexContact = (await create("contact", { customer: globex, name: "Gus of Globex" })).id;
  });

  it("is in the metadata clients read", async () => {
    const fields = (await admin.get("/api/meta/entities/activity")).body.fields;
    expect(fields.contact.filterBy).toEqual({ customer: "customer" });
  });

  it("takes a contact of the activity's customer", async () => {
    const made = await create("activity", {
      subject: "Call Ann",
      customer: acme,
      contact: acmeContact,
      startAt,
    });
    expect(made.contact).toBe(acmeContact);
    expect((made._display as Record<string, string>).contact).toBe("Ann of Acme");
  });

  it("refuses a contact of another customer with a field error, creating nothing", async () => {
    const before = (await admin.get("/api/data/activity?limit=1")).body.total as number;
    const res = await admin.post("/api/data/activity", {
      subject: "Call Gus about Acme",
      customer: acme,
      contact: globexContact,
      startAt,
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.details.fields).toEqual([
      {
        field: "contact",
        rule: "filterBy",
        message: "must be a contact whose customer is this record's customer",
      },
    ]);
    expect((await admin.get("/api/data/activity?limit=1")).body.total).toBe(before);
  });

  it("checks a change of either field against the other's stored value", async () => {
    const a = await create("activity", {
      subject: "Visit",
      customer: acme,
      contact: acmeContact,
      startAt,
    });
    const url = `/api/data/activity/${a.id}`;
    const ifMatch = { "if-match": `"${a.version}"` };
    // Another customer, keeping Acme's contact: the pair no longer agrees.
    const customerOnly = await admin.patch(url, { customer: globex }, ifMatch);
    expect(customerOnly.status, customerOnly.text).toBe(400);
    expect(customerOnly.body.error.details.fields[0]).toMatchObject({
      field: "contact",
      rule: "filterBy",
    });
    const contactOnly = await admin.patch(url, { contact: globexContact }, ifMatch);
    expect(contactOnly.status).toBe(400);
    expect(contactOnly.body.error.details.fields[0].field).toBe("contact");
    // Both together, or the contact emptied, agree.
    const both = await admin.patch(url, { customer: globex, contact: globexContact }, ifMatch);
    expect(both.status, both.text).toBe(200);
    const emptied = await admin.patch(
      url,
      { customer: acme, contact: null },
      { "if-match": `"${both.body.version}"` },
    );
    expect(emptied.status, emptied.text).toBe(200);
    expect(emptied.body).toMatchObject({ customer: acme, contact: null });
  });

  it("tells a missing contact from a mismatched one", async () => {
    const res = await admin.post("/api/data/activity", {
      subject: "Ghost",
      customer: acme,
      contact: "01900000-0000-7000-8000-000000000000",
      startAt,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0]).toMatchObject({ field: "contact", rule: "reference" });
  });

  it("a list filtered as the picker filters offers only the customer's contacts", async () => {
    const filter = encodeURIComponent(JSON.stringify({ field: "customer", op: "eq", value: acme }));
    const res = await admin.get(`/api/data/contact?filter=${filter}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([acmeContact]);
  });
});

describe("filterBy in metadata", () => {
  const problems = (change: (json: any) => void) => {
    const root = copyMetadataRoot();
    editJson(root, "metadata/entities/activity/entity.json", change);
    try {
      loadBaseMetadata(root);
    } catch (err) {
      if (err instanceof MetadataInvalidError)
        return err.problems.map((p) => ({ ...p, rule: p.rule.in("en") }));
      throw err;
    }
    return [];
  };

  it("refuses fields that do not exist, do not match, or the field itself, naming the file and pointer", () => {
    const source = "metadata/entities/activity/entity.json";
    const pointer = "/fields/contact/filterBy/";
    expect(problems((e) => (e.fields.contact.filterBy = { nosuch: "customer" }))).toEqual([
      { source, pointer: `${pointer}nosuch`, rule: 'unknown field "nosuch" of entity "contact"' },
    ]);
    expect(problems((e) => (e.fields.contact.filterBy = { customer: "nosuch" }))).toEqual([
      {
        source,
        pointer: `${pointer}customer`,
        rule: 'unknown field "nosuch": filterBy follows another field of this entity',
      },
    ]);
    expect(problems((e) => (e.fields.contact.filterBy = { customer: "contact" }))).toHaveLength(1);
    expect(problems((e) => (e.fields.contact.filterBy = { name: "subject" }))).toEqual([]);
    expect(problems((e) => (e.fields.contact.filterBy = { customer: "subject" }))).toEqual([
      {
        source,
        pointer: `${pointer}customer`,
        rule: '"contact.customer" (reference to customer) cannot equal "subject" (text)',
      },
    ]);
  });

  it("applies to references only, and to references to entities", () => {
    expect(
      problems((e) => (e.fields.subject.filterBy = { customer: "customer" }))[0]!.rule,
    ).toMatch(/property "filterBy" does not apply to a text field/);
    const meta = problems((e) => {
      e.fields.reviewer = { type: "reference", entity: "user", filterBy: { id: "customer" } };
    });
    expect(meta.map((p) => p.rule)).toEqual([
      "filterBy narrows references to entities, not to users",
    ]);
  });

  it("an overlay cannot hide a field a filterBy follows, nor name an unknown one", async () => {
    const hide = await admin.patch("/api/admin/entities/contact/fields/customer", {
      hidden: true,
    });
    expect(hide.status, hide.text).toBe(400);
    expect(hide.body.error.details.problems).toEqual([
      expect.objectContaining({
        pointer: "/fields/contact/filterBy/customer",
        rule: '"contact.customer" is hidden, and activity.contact is narrowed by it',
      }),
    ]);
    const unknown = await admin.patch("/api/admin/entities/activity/fields/contact", {
      filterBy: { customer: "x_nosuch" },
    });
    expect(unknown.status, unknown.text).toBe(400);
    expect(unknown.body.error.details.problems[0].pointer).toBe(
      "/entities/activity/fields/contact/filterBy/customer",
    );
    // Nothing was written: the contact field still follows the customer.
    const fields = (await admin.get("/api/meta/entities/activity")).body.fields;
    expect(fields.contact.filterBy).toEqual({ customer: "customer" });
  });
});
