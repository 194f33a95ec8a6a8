import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient, TestResponse } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

interface Problem {
  field: string;
  rule: string;
  message: string;
}

let engine: TestEngine;
let admin: TestClient;

beforeAll(async () => {
  engine = await testEngine();
  ({ admin } = await testCompany(engine));
});

/** The field problems of a 400 `invalid` answer. */
function problems(res: TestResponse): Problem[] {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code).toBe("invalid");
  return res.body.error.details.fields;
}

/** Creates `entity` with `body` and expects exactly one field in error, `field`. */
async function refused(entity: string, body: Record<string, unknown>, field: string) {
  const found = problems(await admin.post(`/api/data/${entity}`, body));
  expect(found.map((p) => p.field)).toEqual(found.map(() => field));
  expect(found.length).toBeGreaterThan(0);
  return found;
}

async function created(entity: string, body: Record<string, unknown>) {
  const res = await admin.post(`/api/data/${entity}`, body);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

let productCounter = 0;
const product = (fields: Record<string, unknown>) => ({
  code: `P-${++productCounter}`,
  name: "Widget",
  ...fields,
});

describe("required", () => {
  it("reports a missing, null, empty or blank required field", async () => {
    const expected = [{ field: "name", rule: "required", message: "is required" }];
    expect(problems(await admin.post("/api/data/customer", { city: "Hangzhou" }))).toEqual(
      expected,
    );
    for (const name of [null, "", "   "]) {
      expect(problems(await admin.post("/api/data/customer", { name }))).toEqual(expected);
    }
    const { id } = await created("customer", { name: "Required On Patch" });
    const patch = await admin.patch(
      `/api/data/customer/${id}`,
      { name: null },
      { "if-match": '"1"' },
    );
    expect(problems(patch)).toEqual(expected);
    expect((await admin.get(`/api/data/customer/${id}`)).body.name).toBe("Required On Patch");
  });

  it("lets a patch leave required fields out", async () => {
    const { id } = await created("customer", { name: "Partial" });
    const res = await admin.patch(`/api/data/customer/${id}`, { city: "X" }, { "if-match": '"1"' });
    expect(res.body).toMatchObject({ name: "Partial", city: "X" });
  });
});

describe("field types", () => {
  it("text: maxLength counts characters", async () => {
    const [p] = await refused("customer", { name: "x".repeat(201) }, "name");
    expect(p!.rule).toBe("maxLength");
    expect(p!.message).toMatch(/200/);
    expect((await created("customer", { name: "杭".repeat(200) })).name).toHaveLength(200);
  });

  it("enum: an unknown option is refused with the allowed ones listed", async () => {
    const found = await refused("customer", { name: "E", quality: "E" }, "quality");
    expect(found).toEqual([
      { field: "quality", rule: "enum", message: "must be one of A, B, C, D" },
    ]);
    expect((await created("customer", { name: "E ok", quality: "B" })).quality).toBe("B");
  });

  it("multiEnum: unknown options, duplicates and non-arrays are refused", async () => {
    const [unknown] = await refused("customer", { name: "M", tags: ["vip", "gold"] }, "tags");
    expect(unknown!.message).toMatch(/vip, highPotential, longTerm, priceSensitive/);
    const [dup] = await refused("customer", { name: "M", tags: ["vip", "vip"] }, "tags");
    expect(dup!.rule).toBe("uniqueItems");
    await refused("customer", { name: "M", tags: "vip" }, "tags");
    const ok = await created("customer", { name: "M ok", tags: ["overseas", "vip"] });
    expect(ok.tags).toEqual(["overseas", "vip"]);
  });

  it("decimal: too many decimals or a JSON number are refused; values keep the scale", async () => {
    const [scale] = await refused("product", product({ costPrice: "1.23456" }), "costPrice");
    expect(scale!.message).toBe(
      'must be a decimal string such as "1234.5000" with at most 4 decimals',
    );
    const [number] = await refused("product", product({ costPrice: 1.5 }), "costPrice");
    expect(number!.rule).toBe("type");
    expect(number!.message).toMatch(/decimal string/);
    await refused("product", product({ weight: "1234567890" }), "weight");
    await refused("product", product({ minStock: "1e3" }), "minStock");
    const [negative] = await refused("product", product({ costPrice: "-0.5" }), "costPrice");
    expect(negative).toEqual({ field: "costPrice", rule: "range", message: "must be at least 0" });
    const ok = await created(
      "product",
      product({ costPrice: "1.5", minStock: "7", weight: "0.25" }),
    );
    expect(ok).toMatchObject({ costPrice: "1.5000", minStock: "7.000", weight: "0.250" });
  });

  it("money: follows the default currency's 2 decimals", async () => {
    const [p] = await refused("product", product({ salePrice: "12.345" }), "salePrice");
    expect(p!.message).toMatch(/at most 2 decimals/);
    await refused("product", product({ salePrice: 12 }), "salePrice");
    expect((await created("product", product({ salePrice: "12.5" }))).salePrice).toBe("12.50");
  });

  it("money: follows a currency without decimals", async () => {
    const { admin: yen } = await testCompany(engine, "yen", {
      currency: "JPY",
      currencyDecimals: 0,
    });
    const ok = await yen.post("/api/data/product", product({ salePrice: "12" }));
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.salePrice).toBe("12");
    expect((await yen.get(`/api/data/product/${ok.body.id}`)).body.salePrice).toBe("12");
    const found = problems(await yen.post("/api/data/product", product({ salePrice: "12.5" })));
    expect(found).toEqual([
      {
        field: "salePrice",
        rule: "pattern",
        message: 'must be a decimal string without decimals such as "1234"',
      },
    ]);
    const customer = await yen.post("/api/data/customer", { name: "Yen", creditLimit: "1000000" });
    expect(customer.body.creditLimit).toBe("1000000");
  });

  it("integer: strings, fractions and values below the minimum are refused", async () => {
    const [s] = await refused("customer", { name: "I", employees: "12" }, "employees");
    expect(s!.rule).toBe("type");
    await refused("customer", { name: "I", employees: 12.5 }, "employees");
    const [min] = await refused("customer", { name: "I", employees: -1 }, "employees");
    expect(min!.rule).toBe("minimum");
    expect((await created("customer", { name: "I ok", employees: 12 })).employees).toBe(12);
  });

  it("date: impossible days and other formats are refused", async () => {
    const dates = ["2026-13-01", "2026/01/01", "2026-02-29", "2026-01-05T00:00:00Z", "0000-01-01"];
    for (const nextFollowUp of dates) {
      const problems = await refused("customer", { name: "D", nextFollowUp }, "nextFollowUp");
      expect(problems, nextFollowUp).toHaveLength(1);
      expect(problems[0]!.message).toBe('must be a date such as "2024-05-01" (years 1000–9999)');
    }
    const ok = await created("customer", { name: "D ok", nextFollowUp: "2028-02-29" });
    expect(ok.nextFollowUp).toBe("2028-02-29");
    expect((await admin.get(`/api/data/customer/${ok.id}`)).body.nextFollowUp).toBe("2028-02-29");
  });

  it("datetime: a time without a zone is refused; an offset is stored and returned in UTC", async () => {
    const found = await refused(
      "customer",
      { name: "T", lastContactAt: "2026-01-05T09:30:00" },
      "lastContactAt",
    );
    expect(found[0]!.message).toBe(
      'must be a date and time with a zone such as "2024-05-01T09:30:00Z" (years 1000–9999)',
    );
    // A leap second and year 0 pass RFC 3339 but are not the same instant in both databases.
    for (const lastContactAt of ["2026-06-30T23:59:60Z", "0000-01-01T00:00:00Z"]) {
      await refused("customer", { name: "T", lastContactAt }, "lastContactAt");
    }
    await refused("customer", { name: "T", lastContactAt: "2026-01-05" }, "lastContactAt");
    const ok = await created("customer", {
      name: "T ok",
      lastContactAt: "2026-01-05T09:30:00+08:00",
    });
    expect(ok.lastContactAt).toBe("2026-01-05T01:30:00.000Z");
    const read = await admin.get(`/api/data/customer/${ok.id}`);
    expect(read.body.lastContactAt).toBe("2026-01-05T01:30:00.000Z");
    const fine = await created("customer", {
      name: "T ms",
      lastContactAt: "2026-01-05T23:59:59.25-05:00",
    });
    expect(fine.lastContactAt).toBe("2026-01-06T04:59:59.250Z");
  });

  it("email, phone and url: malformed values are refused with what is expected", async () => {
    const [email] = await refused("customer", { name: "C", email: "not-an-email" }, "email");
    expect(email!.message).toBe("must be an email address such as someone@example.com");
    const [phone] = await refused("customer", { name: "C", phone: "call me maybe" }, "phone");
    expect(phone!.message).toBe("must be a phone number such as +86 571 8888 1234");
    const [url] = await refused(
      "customer",
      { name: "C", website: "javascript:alert(1)" },
      "website",
    );
    expect(url!.message).toBe("must be a web address such as https://example.com");
    await refused("customer", { name: "C", website: "http://" }, "website");
    const ok = await created("customer", {
      name: "C ok",
      email: "li.lei@example.com",
      phone: "+86 571 8888 1234",
      mobile: "(0571) 8888-1234 ext. 12",
      website: "https://example.com/a?b=1",
    });
    expect(ok).toMatchObject({ email: "li.lei@example.com", website: "https://example.com/a?b=1" });
  });

  it("reference: an unknown id or a non-UUID is refused on that field", async () => {
    const ghost = "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee";
    const found = await refused("contact", { name: "Orphan", customer: ghost }, "customer");
    expect(found).toEqual([
      { field: "customer", rule: "reference", message: `no customer with id ${ghost}` },
    ]);
    const [shape] = await refused("contact", { name: "Orphan", customer: "42" }, "customer");
    expect(shape!.message).toBe("must be the id of a record, a lower-case UUID");
    const { admin: other } = await testCompany(engine, "refs");
    const foreign = (await other.post("/api/data/customer", { name: "Elsewhere" })).body.id;
    await refused("contact", { name: "Cross", customer: foreign }, "customer");
  });

  it("boolean: a string is refused", async () => {
    const [p] = await refused("customer", { name: "B", isKeyAccount: "yes" }, "isKeyAccount");
    expect(p!.rule).toBe("type");
    expect((await created("customer", { name: "B ok", isKeyAccount: true })).isKeyAccount).toBe(
      true,
    );
  });
});

describe("fields a client may not write", () => {
  const managed: Record<string, unknown> = {
    id: "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee",
    version: 7,
    owner: "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee",
    createdBy: "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee",
    updatedBy: "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee",
    createdAt: "2020-01-01T00:00:00Z",
    updatedAt: "2020-01-01T00:00:00Z",
  };

  it("refuses each server-managed field by name, on create and on patch", async () => {
    const { id } = await created("customer", { name: "Managed" });
    for (const [field, value] of Object.entries(managed)) {
      const expected = [
        { field, rule: "serverManaged", message: "is managed by the server and cannot be written" },
      ];
      expect(
        problems(await admin.post("/api/data/customer", { name: "S", [field]: value })),
      ).toEqual(expected);
      const patch = await admin.patch(
        `/api/data/customer/${id}`,
        { [field]: value },
        { "if-match": '"1"' },
      );
      expect(problems(patch)).toEqual(expected);
    }
    expect((await admin.get(`/api/data/customer/${id}`)).body.version).toBe(1);
  });

  it("refuses the customer's document number code", async () => {
    const found = await refused("customer", { name: "N", code: "KH202611-0001" }, "code");
    expect(found).toEqual([
      { field: "code", rule: "readOnly", message: "is a document number assigned by the server" },
    ]);
  });

  it("refuses unknown fields, including _display", async () => {
    expect(await refused("customer", { name: "U", nickname: "x" }, "nickname")).toEqual([
      { field: "nickname", rule: "unknown", message: 'unknown field "nickname"' },
    ]);
    await refused("customer", { name: "U", _display: {} }, "_display");
  });
});

describe("reporting", () => {
  it("reports several problems at once and creates nothing", async () => {
    const before = (await admin.get("/api/data/customer")).body.total;
    const res = await admin.post("/api/data/customer", {
      quality: "Z",
      email: "nope",
      employees: "3",
      version: 2,
      nickname: 1,
    });
    const fields = problems(res).map((p) => p.field);
    expect([...fields].sort()).toEqual([
      "email",
      "employees",
      "name",
      "nickname",
      "quality",
      "version",
    ]);
    expect(res.body.error.message).toMatch(/^invalid record: .*quality: must be one of A, B, C, D/);
    expect((await admin.get("/api/data/customer")).body.total).toBe(before);
  });

  it("applies defaults on create only", async () => {
    const p = await created("product", product({}));
    expect(p).toMatchObject({ isActive: true, unit: "pcs" });
    const off = await created("product", product({ isActive: false, unit: "box" }));
    expect(off).toMatchObject({ isActive: false, unit: "box" });
    const patched = await admin.patch(
      `/api/data/product/${off.id}`,
      { brand: "Acme" },
      { "if-match": '"1"' },
    );
    expect(patched.body).toMatchObject({ isActive: false, unit: "box", brand: "Acme" });
    const c = await created("customer", { name: "Defaults" });
    const a = await created("activity", {
      subject: "Call",
      customer: c.id,
      startAt: "2026-12-01T02:00:00Z",
    });
    expect(a).toMatchObject({ kind: "call", status: "planned", priority: "normal", contact: null });
  });
});
