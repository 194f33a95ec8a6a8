import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import { TestClient } from "../support/test-client.ts";
import { addStaffUser } from "../support/staff-user.ts";
import {
  sameSession,
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/** The numbering designer (Y2): a company's own number patterns, prefixes and typed numbers. */

let engine: TestEngine;

beforeAll(async () => {
  engine = await testEngine();
  engine.clock.current = new Date("2026-11-27T02:00:00Z");
});

const numberingUrl = "/api/admin/entities/customer/numbering";

async function create(client: TestClient, body: Record<string, unknown> = {}) {
  return client.post("/api/data/customer", { name: "编号设计有限公司", ...body });
}

/** Creates a customer and returns its number. */
async function numbered(client: TestClient, body: Record<string, unknown> = {}): Promise<string> {
  const res = await create(client, body);
  expect(res.status, res.text).toBe(201);
  return res.body.code;
}

async function setNumbering(client: TestClient, numbering: Record<string, unknown>) {
  const res = await client.send("PUT", numberingUrl, numbering);
  expect(res.status, res.text).toBe(200);
  return res.body.numbering;
}

describe("an entity's numbering", () => {
  let company: TestCompany;

  beforeAll(async () => {
    company = await testCompany(engine, "nd");
  });

  it("shows the base pattern and previews the next number without taking it", async () => {
    const first = await company.admin.get(numberingUrl);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({
      entity: "customer",
      field: "code",
      pattern: "KH{YYYY}{MM}-{seq:4}",
      automatic: true,
      prefixes: null,
      preview: [{ value: null, number: "KH202611-0001" }],
    });
    expect(first.body.prefixFields.map((p: { field: string }) => p.field)).toEqual([
      "quality",
      "category",
      "industry",
      "source",
    ]);
    expect((await company.admin.get(numberingUrl)).body.preview[0].number).toBe("KH202611-0001");
    expect(await numbered(company.admin)).toBe("KH202611-0001");
    expect((await company.admin.get(numberingUrl)).body.preview[0].number).toBe("KH202611-0002");
    const list = await company.admin.get("/api/admin/numbering");
    expect(list.body.items.map((i: { entity: string }) => i.entity)).toEqual(["customer"]);
  });

  it("starts a new pattern at 1, and continues the old series when changed back", async () => {
    expect(await numbered(company.admin)).toBe("KH202611-0002");
    const changed = await setNumbering(company.admin, { pattern: "C{YYYY}{MM}-{seq:4}" });
    expect(changed.preview).toEqual([{ value: null, number: "C202611-0001" }]);
    expect(await numbered(company.admin)).toBe("C202611-0001");
    expect(await numbered(company.admin)).toBe("C202611-0002");
    await setNumbering(company.admin, { pattern: "KH{YYYY}{MM}-{seq:4}" });
    expect(await numbered(company.admin)).toBe("KH202611-0003");
    // A wider sequence is the same series: it continues too, and never repeats a number.
    await setNumbering(company.admin, { pattern: "KH{YYYY}{MM}-{seq:5}" });
    expect(await numbered(company.admin)).toBe("KH202611-00004");
  });

  it("is a metadata version: audited and undone by rollback", async () => {
    const head = (await company.admin.get("/api/admin/metadata")).body.head as number;
    await setNumbering(company.admin, { pattern: "X{seq:3}" });
    const audit = await company.admin.get("/api/admin/audit?action=metadata_changed&limit=1");
    expect(audit.body.items[0].target).toBe("change numbering of customer");
    expect(await numbered(company.admin)).toBe("X001");
    const back = await company.admin.post("/api/admin/metadata/rollback", { version: head });
    expect(back.status, back.text).toBe(200);
    expect(await numbered(company.admin)).toBe("KH202611-00005");
  });

  it("numbers each option of a choice field in its own series, with its own prefix", async () => {
    const prefixes = { field: "category", values: { partner: "P", dealer: "D" } };
    const set = await setNumbering(company.admin, { pattern: "{prefix}{YYYY}-{seq:3}", prefixes });
    expect(set.prefixes).toEqual(prefixes);
    expect(set.preview).toEqual([
      { value: null, number: "2026-001" },
      { value: "partner", number: "P2026-001" },
      { value: "dealer", number: "D2026-001" },
    ]);
    expect(await numbered(company.admin, { category: "partner" })).toBe("P2026-001");
    expect(await numbered(company.admin, { category: "dealer" })).toBe("D2026-001");
    expect(await numbered(company.admin, { category: "partner" })).toBe("P2026-002");
    expect(await numbered(company.admin, { category: "supplier" })).toBe("2026-001");
    expect(await numbered(company.admin)).toBe("2026-002");
    const preview = await company.admin.get(numberingUrl);
    expect(preview.body.preview.map((p: { number: string }) => p.number)).toEqual([
      "2026-003",
      "P2026-003",
      "D2026-002",
    ]);
  });

  it("previews an unsaved numbering, and changes nothing", async () => {
    const res = await company.admin.post(`${numberingUrl}/preview`, { pattern: "KH{YYYY}-{seq}" });
    expect(res.status, res.text).toBe(200);
    expect(res.body.preview).toEqual([{ value: null, number: "KH2026-1" }]);
    expect((await company.admin.get(numberingUrl)).body.pattern).toBe("{prefix}{YYYY}-{seq:3}");
    const bad = await company.admin.post(`${numberingUrl}/preview`, { pattern: "KH{seq" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems[0].pointer).toBe("/entities/customer/numbering/pattern");
  });
});

describe("typed numbers (automatic numbering off)", () => {
  let company: TestCompany;

  beforeAll(async () => {
    company = await testCompany(engine, "ndman");
    await setNumbering(company.admin, { pattern: "KH{YYYY}{MM}-{seq:4}", automatic: false });
  });

  it("are required on create, written as typed, and unique", async () => {
    const missing = await create(company.admin);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0]).toMatchObject({ field: "code", rule: "required" });
    expect(await numbered(company.admin, { code: "HT-2026-A" })).toBe("HT-2026-A");
    const twice = await create(company.admin, { code: "HT-2026-A" });
    expect(twice.status).toBe(409);
    expect(twice.text).toMatch(/code/);
  });

  it("make the field an ordinary one in every user's metadata", async () => {
    const meta = await company.admin.get("/api/meta");
    const customer = meta.body.entities.customer;
    expect(customer.numbering).toBeNull();
    expect(customer.fields.code).toMatchObject({ readOnly: false, required: true });
  });

  it("take no counter, and the server numbers again when switched back on", async () => {
    await setNumbering(company.admin, { pattern: "KH{YYYY}{MM}-{seq:4}" });
    expect(await numbered(company.admin)).toBe("KH202611-0001");
    const sent = await create(company.admin, { code: "MINE" });
    expect(sent.status).toBe(400);
  });
});

describe("a numbering change that cannot be used", () => {
  let company: TestCompany;
  let staff: TestClient;

  beforeAll(async () => {
    company = await testCompany(engine, "ndbad");
    await addStaffUser(engine, company.slug, "clerk", "clerk-password-1");
    staff = new TestClient(engine.app);
    await staff.login(company.slug, "clerk", "clerk-password-1");
  });

  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    ["an unknown token", { pattern: "KH{YYY}{seq}" }, "/pattern", /unknown token \{YYY\}/],
    ["no sequence", { pattern: "KH{YYYY}" }, "/pattern", /needs one sequence token/],
    [
      "a first number longer than the field",
      { pattern: "KH{YYYY}{MM}{DD}-{seq:12}-ABCDEFGHIJKLMNOPQ" },
      "/pattern",
      /at least 41 characters long, more than the field's maxLength 40/,
    ],
    [
      "{prefix} without prefixes",
      { pattern: "{prefix}{seq}" },
      "/pattern",
      /uses \{prefix\} but the numbering gives no prefixes/,
    ],
    [
      "prefixes by a field that is no choice",
      { pattern: "{prefix}{seq}", prefixes: { field: "city", values: {} } },
      "/prefixes/field",
      /"city" is not one/,
    ],
    [
      "a prefix for an option the field lacks",
      { pattern: "{prefix}{seq}", prefixes: { field: "category", values: { vip: "V" } } },
      "/prefixes/values/vip",
      /"vip" is not an option of field "category"/,
    ],
  ];
  it.each(refusals)("refuses %s with 400 at its pointer", async (_, body, ptr, message) => {
    const res = await company.admin.send("PUT", numberingUrl, body);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.details.problems).toEqual([
      expect.objectContaining({ pointer: `/entities/customer/numbering${ptr}` }),
    ]);
    expect(res.body.error.message).toMatch(message);
  });

  it("says what is wrong in Chinese too", async () => {
    company.admin.language = "zh-CN";
    const res = await company.admin.send("PUT", numberingUrl, { pattern: "KH{YYYY}" });
    company.admin.language = "en";
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("编号规则需要一个流水号标记");
  });

  it("refuses a malformed body naming the property", async () => {
    const long = await company.admin.send("PUT", numberingUrl, {
      pattern: "K".repeat(61) + "{seq}",
    });
    expect(long.status).toBe(400);
    expect(long.body.error.details.fields[0].field).toBe("pattern");
    const brace = await company.admin.send("PUT", numberingUrl, {
      pattern: "{prefix}{seq}",
      prefixes: { field: "category", values: { partner: "{P}" } },
    });
    expect(brace.status).toBe(400);
    expect(brace.body.error.details.fields[0].field).toMatch(/prefixes/);
  });

  it("is 404 for an entity without numbers and 403 for a user who is no admin", async () => {
    expect((await company.admin.get("/api/admin/entities/product/numbering")).status).toBe(404);
    expect((await company.admin.get("/api/admin/entities/nothing/numbering")).status).toBe(404);
    expect((await staff.get(numberingUrl)).status).toBe(403);
    expect((await staff.send("PUT", numberingUrl, { pattern: "S{seq}" })).status).toBe(403);
    expect((await company.admin.get(numberingUrl)).body.pattern).toBe("KH{YYYY}{MM}-{seq:4}");
  });
});

describe("counters from before series were named by pattern", () => {
  it("continue where they stood", async () => {
    const company = await testCompany(engine, "ndold");
    expect(await numbered(company.admin)).toBe("KH202611-0001");
    const schema = schemaOf(company.slug);
    const db = engine.deps.database.db;
    await sql`update ${sql.id(schema, "sys_number_series")} set "series" = 'customer.code'`.execute(
      db,
    );
    await sql`delete from ${sql.id(schema, "sys_migration")}
      where "module" = 'numbering' and "name" = '002-series-by-pattern'`.execute(db);
    const later = await testEngine();
    later.clock.current = engine.clock.current;
    expect(await numbered(sameSession(later, company.admin))).toBe("KH202611-0002");
  });
});
