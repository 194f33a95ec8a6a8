import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import type { Db } from "../../engine/db/database.ts";
import { loadBaseMetadata } from "../../engine/metadata/load-base-metadata.ts";
import { baseWithoutCustomerFax, copyMetadataRoot, editJson } from "../support/metadata-copy.ts";
import type { TestClient } from "../support/test-client.ts";
import {
  sameSession,
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/** Makes a company look as if it was created before the numbering module existed. */
async function forgetNumbering(db: Db, schema: string) {
  await sql`drop table ${sql.id(schema, "sys_number_series")}`.execute(db);
  await sql`delete from ${sql.id(schema, "sys_migration")} where "module" = 'numbering'`.execute(
    db,
  );
}

const missingId = "00000000-0000-4000-8000-000000000001";

let engine: TestEngine;

beforeAll(async () => {
  engine = await testEngine();
});

/**
 * Moves `e`'s clock and logs `company`'s admin in again: a jump of days
 * would otherwise outlive the session.
 */
async function at(e: TestEngine, company: TestCompany, iso: string): Promise<void> {
  e.clock.current = new Date(iso);
  await company.admin.login(company.slug, "admin", "admin-password-1");
}

/** Creates a customer and returns its number. */
async function numbered(client: TestClient, name = "编号测试有限公司"): Promise<string> {
  const res = await client.post("/api/data/customer", { name });
  expect(res.status, res.text).toBe(201);
  return res.body.code;
}

/** The counters of a company, as `series period → last`. */
async function counters(e: TestEngine, company: TestCompany): Promise<Record<string, number>> {
  const { rows } = await sql<{ series: string; period: string; last: number }>`
    select "series", "period", "last" from ${sql.id(schemaOf(company.slug), "sys_number_series")}
    order by 1, 2`.execute(e.deps.database.db);
  return Object.fromEntries(rows.map((r) => [`${r.series} ${r.period}`, r.last]));
}

describe("customer numbers", () => {
  let company: TestCompany;

  beforeAll(async () => {
    company = await testCompany(engine, "num");
  });

  it("are assigned in order from the company's date, and read back as stored", async () => {
    engine.clock.current = new Date("2026-11-27T02:00:00Z");
    const first = await company.admin.post("/api/data/customer", { name: "第一有限公司" });
    expect(first.status).toBe(201);
    expect(first.body.code).toBe("KH202611-0001");
    expect(await numbered(company.admin)).toBe("KH202611-0002");
    expect(await numbered(company.admin)).toBe("KH202611-0003");
    const read = await company.admin.get(`/api/data/customer/${first.body.id}`);
    expect(read.body.code).toBe("KH202611-0001");
    expect(await counters(engine, company)).toEqual({
      "customer.code:KH{YYYY}{MM}-{seq} 2026-11": 3,
    });
  });

  it("are not given to an entity without numbering", async () => {
    const product = await company.admin.post("/api/data/product", { code: "P-1", name: "Bolt" });
    expect(product.status, product.text).toBe(201);
    expect(product.body.code).toBe("P-1");
    expect(Object.keys(await counters(engine, company))).toEqual([
      "customer.code:KH{YYYY}{MM}-{seq} 2026-11",
    ]);
  });

  it("cannot be sent by the client", async () => {
    const res = await company.admin.post("/api/data/customer", { name: "X", code: "KH-MINE" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([
      { field: "code", rule: "readOnly", message: "is a document number assigned by the server" },
    ]);
  });

  it("are not burnt by a create that fails validation", async () => {
    const before = await numbered(company.admin);
    expect((await company.admin.post("/api/data/customer", {})).status).toBe(400);
    expect((await company.admin.post("/api/data/customer", { name: 42 })).status).toBe(400);
    expect(await numbered(company.admin)).toBe(next(before));
  });

  it("are not burnt by a create refused inside its transaction for a missing reference", async () => {
    const field = { key: "x_parent", type: "reference", entity: "customer" };
    expect((await company.admin.post("/api/admin/entities/customer/fields", field)).status).toBe(
      201,
    );
    const before = await numbered(company.admin);
    const refused = await company.admin.post("/api/data/customer", {
      name: "孤儿",
      x_parent: missingId,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0]).toMatchObject({
      field: "x_parent",
      rule: "reference",
    });
    expect(await numbered(company.admin)).toBe(next(before));
  });

  it("are not burnt by a create whose insert fails after its number was assigned", async () => {
    // A unique violation is found by the insert itself, after numbering: the rollback takes the increment back.
    const field = { key: "x_tax_id", type: "text", unique: true };
    expect((await company.admin.post("/api/admin/entities/customer/fields", field)).status).toBe(
      201,
    );
    const taken = await company.admin.post("/api/data/customer", { name: "甲", x_tax_id: "T-1" });
    expect(taken.status).toBe(201);
    const dup = await company.admin.post("/api/data/customer", { name: "乙", x_tax_id: "T-1" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("duplicate");
    expect(await numbered(company.admin)).toBe(next(taken.body.code));
    const last = Number((await numbered(company.admin)).slice(-4));
    expect(await counters(engine, company)).toEqual({
      "customer.code:KH{YYYY}{MM}-{seq} 2026-11": last,
    });
  });

  it("start again at 1 when the month changes in the company's time zone", async () => {
    // 2026-11-30T15:59:59Z is 23:59:59 on 30 November in Shanghai; a second later it is December.
    await at(engine, company, "2026-11-30T15:59:59Z");
    expect(await numbered(company.admin)).toMatch(/^KH202611-00\d\d$/);
    await at(engine, company, "2026-11-30T16:00:00Z");
    expect(await numbered(company.admin)).toBe("KH202612-0001");
    expect(await numbered(company.admin)).toBe("KH202612-0002");
    // Still 31 December in UTC, already 1 January 2027 in Shanghai.
    await at(engine, company, "2026-12-31T16:30:00Z");
    expect(await numbered(company.admin)).toBe("KH202701-0001");
  });
});

describe("companies", () => {
  it("number independently", async () => {
    engine.clock.current = new Date("2026-11-27T02:00:00Z");
    const a = await testCompany(engine, "numa");
    const b = await testCompany(engine, "numb");
    expect(await numbered(a.admin)).toBe("KH202611-0001");
    expect(await numbered(a.admin)).toBe("KH202611-0002");
    expect(await numbered(b.admin)).toBe("KH202611-0001");
    expect(await numbered(a.admin)).toBe("KH202611-0003");
    expect(await numbered(b.admin)).toBe("KH202611-0002");
  });

  it("date numbers in their own time zone", async () => {
    engine.clock.current = new Date("2026-12-31T16:30:00Z");
    const shanghai = await testCompany(engine, "numsh");
    const utc = await testCompany(engine, "numutc", { timezone: "UTC" });
    expect(await numbered(shanghai.admin)).toBe("KH202701-0001");
    expect(await numbered(utc.admin)).toBe("KH202612-0001");
  });

  it("created before numbering existed get their counter table on their next load", async () => {
    engine.clock.current = new Date("2026-11-27T02:00:00Z");
    const old = await testCompany(engine, "numold");
    const db = engine.deps.database.db;
    await forgetNumbering(db, schemaOf(old.slug));
    // A process that has not loaded the company yet, its metadata hash unchanged (no sync runs).
    const later = await testEngine();
    later.clock.current = engine.clock.current;
    expect(await numbered(sameSession(later, old.admin))).toBe("KH202611-0001");
    expect(await numbered(sameSession(later, old.admin))).toBe("KH202611-0002");
  });

  it("serving their last good metadata get their counter table too", async () => {
    engine.clock.current = new Date("2026-11-27T02:00:00Z");
    const company = await testCompany(engine, "numlg");
    // An overlay that the later base (without customer.fax) cannot apply.
    const patch = await company.admin.patch("/api/admin/entities/customer/fields/fax", {
      hidden: false,
    });
    expect(patch.status).toBe(200);
    await forgetNumbering(engine.deps.database.db, schemaOf(company.slug));
    const shrunk = await testEngine({ base: baseWithoutCustomerFax() });
    shrunk.clock.current = engine.clock.current;
    const client = sameSession(shrunk, company.admin);
    expect((await client.get("/api/admin/metadata")).body.error).toMatch(/fax/);
    expect(await numbered(client)).toBe("KH202611-0001");
  });
});

describe("patterns", () => {
  /** An engine whose base numbers customers with `pattern`, and a company on it. */
  async function withPattern(pattern: string) {
    const root = copyMetadataRoot();
    editJson(root, "metadata/entities/customer/entity.json", (e) => {
      e.numbering.pattern = pattern;
    });
    const e = await testEngine({ base: loadBaseMetadata(root) });
    e.clock.current = new Date("2026-11-27T02:00:00Z");
    return { e, company: await testCompany(e, "numpat") };
  }

  it("without a date never start again", async () => {
    const { e, company } = await withPattern("C{seq:5}");
    expect(await numbered(company.admin)).toBe("C00001");
    await at(e, company, "2026-12-15T02:00:00Z");
    expect(await numbered(company.admin)).toBe("C00002");
    await at(e, company, "2027-03-01T02:00:00Z");
    expect(await numbered(company.admin)).toBe("C00003");
    expect(await counters(e, company)).toEqual({ "customer.code:C{seq} ": 3 });
  });

  it("with a year only start again each year, not each month", async () => {
    const { e, company } = await withPattern("KH{YY}-{seq:3}");
    expect(await numbered(company.admin)).toBe("KH26-001");
    await at(e, company, "2026-12-15T02:00:00Z");
    expect(await numbered(company.admin)).toBe("KH26-002");
    await at(e, company, "2026-12-31T16:30:00Z");
    expect(await numbered(company.admin)).toBe("KH27-001");
  });

  it("with a day start again each day", async () => {
    const { e, company } = await withPattern("D{YYYY}{MM}{DD}{seq}");
    expect(await numbered(company.admin)).toBe("D202611271");
    expect(await numbered(company.admin)).toBe("D202611272");
    await at(e, company, "2026-11-27T16:00:00Z");
    expect(await numbered(company.admin)).toBe("D202611281");
  });

  it("keep counting past their padding", async () => {
    const { company } = await withPattern("S{seq:1}");
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) codes.push(await numbered(company.admin));
    expect(codes.slice(-3)).toEqual(["S9", "S10", "S11"]);
  });
});

/** The number after `code`, same pattern KHyyyymm-nnnn. */
function next(code: string): string {
  const seq = Number(code.slice(-4)) + 1;
  return `${code.slice(0, -4)}${String(seq).padStart(4, "0")}`;
}
