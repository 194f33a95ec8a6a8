import { afterAll, describe, expect, it } from "vitest";
import { defaultCompanySettings } from "../../engine/companies/company-settings.ts";
import { createCompany } from "../../engine/companies/create-company.ts";
import type { Database } from "../../engine/db/database.ts";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import { open } from "../support/test-database.ts";
import { testEngine, type TestEngine } from "../support/test-engine.ts";

/** UUIDv7-shaped ids from a counter: two instances give the same sequence. */
function idSequence(): () => string {
  let n = 0;
  return () => `00000000-0000-7000-8000-${(++n).toString(16).padStart(12, "0")}`;
}

const slug = "xdb_parity";
const password = "parity-password-1";
const start = new Date("2026-11-27T03:04:05.678Z");

interface Exchange {
  step: string;
  status: number;
  etag: string | null;
  text: string;
}

/**
 * The same requests, in the same order, at the same clock times, against one
 * engine; returns every answer as sent on the wire.
 */
async function scenario(engine: TestEngine): Promise<Exchange[]> {
  engine.clock.current = new Date(start);
  await createCompany(
    engine.deps.database,
    engine.deps.base,
    engine.deps.modules,
    {
      slug,
      name: "Parity Co",
      settings: defaultCompanySettings,
      admin: { username: "admin", password },
    },
    engine.deps.newId,
  );
  const client = new TestClient(engine.app);
  const log: Exchange[] = [];
  const record = (step: string, res: TestResponse) => {
    log.push({ step, status: res.status, etag: res.headers.get("etag"), text: res.text });
    return res.body;
  };
  const tick = () => engine.clock.advance(1500);
  record("login", await client.login(slug, "admin", password));

  tick();
  const customer = record(
    "create customer",
    await client.post("/api/data/customer", {
      name: "杭州恒达科技有限公司",
      shortName: "恒达",
      quality: "A",
      category: "customer",
      industry: "software",
      source: "referral",
      phone: "+86 571 8888 1234",
      mobile: "138 0000 1234",
      fax: "0571-8888 1235",
      email: "info@hengda.example.com",
      website: "https://hengda.example.com/about?lang=zh",
      province: "浙江",
      city: "杭州",
      address: '西湖区文三路 1 号 "A" 座\n3 楼',
      postalCode: "310000",
      keyContact: "王芳",
      creditLimit: "1234.5",
      annualRevenue: "98765432109876.01",
      employees: 1200,
      nextFollowUp: "2027-01-04",
      lastContactAt: "2026-11-20T09:30:15.5+08:00",
      tags: ["vip", "overseas", "longTerm"],
      isKeyAccount: true,
      remark: 'Tab\there, emoji 🚀, backslash \\ and quote "',
    }),
  );
  tick();
  const small = record(
    "create minimal customer",
    await client.post("/api/data/customer", { name: "Zero Ltd" }),
  );
  tick();
  const contact = record(
    "create contact",
    await client.post("/api/data/contact", {
      customer: customer.id,
      name: "王芳",
      gender: "female",
      title: "CFO",
      department: "Finance",
      mobile: "139 1234 5678",
      email: "wang.fang@hengda.example.com",
      birthday: "1985-02-28",
      isKeyContact: true,
      remark: "prefers mornings",
    }),
  );
  tick();
  const activity = record(
    "create activity",
    await client.post("/api/data/activity", {
      subject: "Quarterly review",
      customer: customer.id,
      contact: contact.id,
      kind: "meeting",
      startAt: "2026-12-01T10:00:00+08:00",
      endAt: "2026-12-01T11:30:00.125Z",
      remindAt: "2026-11-30T23:59:59-05:00",
      location: "杭州",
      content: "agenda",
    }),
  );
  tick();
  const product = record(
    "create product",
    await client.post("/api/data/product", {
      code: "NB-001",
      name: "ThinkPad X1",
      category: "computer",
      brand: "Lenovo",
      spec: '14" 32GB',
      unit: "set",
      barcode: "6901234567892",
      salePrice: "9999.9",
      purchasePrice: "0",
      costPrice: "7000.1234",
      minStock: "0.5",
      weight: "1.12",
      description: "long\ntext",
    }),
  );

  tick();
  record(
    "patch customer",
    await client.patch(
      `/api/data/customer/${customer.id}`,
      {
        tags: [],
        city: null,
        creditLimit: "0.1",
        employees: 0,
        lastContactAt: "2026-11-26T16:00:00Z",
      },
      { "if-match": '"1"' },
    ),
  );
  tick();
  record(
    "patch small customer",
    await client.patch(
      `/api/data/customer/${small.id}`,
      { tags: ["vip"], nextFollowUp: "2026-12-31", isKeyAccount: false, annualRevenue: "-0" },
      { "if-match": 'W/"1"' },
    ),
  );
  tick();
  record(
    "patch activity",
    await client.patch(
      `/api/data/activity/${activity.id}`,
      { status: "done", result: "signed" },
      { "if-match": '"1"' },
    ),
  );
  tick();
  record(
    "patch product",
    await client.patch(
      `/api/data/product/${product.id}`,
      { isActive: false, weight: null },
      { "if-match": '"1"' },
    ),
  );
  tick();
  record(
    "stale patch",
    await client.patch(`/api/data/customer/${customer.id}`, { city: "X" }, { "if-match": '"1"' }),
  );
  record(
    "invalid create",
    await client.post("/api/data/customer", { quality: "Z", employees: "3", version: 1 }),
  );
  record("duplicate code", await client.post("/api/data/product", { code: "NB-001", name: "Dup" }));
  record("restricted delete", await client.delete(`/api/data/customer/${customer.id}`));

  const entities = {
    customer: [customer, small],
    contact: [contact],
    activity: [activity],
    product: [product],
  };
  for (const [entity, records] of Object.entries(entities)) {
    for (const r of records)
      record(
        `get ${entity} ${r.name ?? r.subject}`,
        await client.get(`/api/data/${entity}/${r.id}`),
      );
    record(`list ${entity}`, await client.get(`/api/data/${entity}`));
  }
  record("page", await client.get("/api/data/customer?limit=1&offset=1"));

  tick();
  record("delete contact", await client.delete(`/api/data/contact/${contact.id}`));
  record("activity after setNull", await client.get(`/api/data/activity/${activity.id}`));
  record("deleted contact", await client.get(`/api/data/contact/${contact.id}`));
  return log;
}

describe.runIf(process.env.TEST_DB === "postgres")("PGlite and PostgreSQL answer alike", () => {
  let pglite: Database | undefined;
  afterAll(async () => {
    await pglite?.close();
  });

  it("gives byte-identical answers to the same requests", async () => {
    pglite = await open("pglite");
    const onPostgres = await testEngine({ newId: idSequence() });
    const onPglite = await testEngine({ database: pglite, newId: idSequence() });
    expect(onPostgres.deps.database.kind).toBe("postgres");
    expect(onPglite.deps.database.kind).toBe("pglite");

    const fromPostgres = await scenario(onPostgres);
    const fromPglite = await scenario(onPglite);

    // The scenario did what it meant to, so equal answers are not equal failures.
    const byStep = new Map(fromPostgres.map((e) => [e.step, e]));
    const status = (step: string) => byStep.get(step)?.status;
    expect(status("create customer")).toBe(201);
    expect(status("patch customer")).toBe(200);
    expect(status("patch small customer")).toBe(200);
    expect(status("patch product")).toBe(200);
    expect(status("stale patch")).toBe(409);
    expect(status("invalid create")).toBe(400);
    expect(status("duplicate code")).toBe(409);
    expect(status("restricted delete")).toBe(409);
    expect(status("delete contact")).toBe(204);
    const customer = JSON.parse(byStep.get("get customer 杭州恒达科技有限公司")!.text);
    expect(customer).toMatchObject({
      id: "00000000-0000-7000-8000-000000000002",
      creditLimit: "0.10",
      employees: 0,
      tags: [],
      lastContactAt: "2026-11-26T16:00:00.000Z",
      nextFollowUp: "2027-01-04",
      version: 2,
    });
    const list = JSON.parse(byStep.get("list customer")!.text);
    expect(list.total).toBe(2);

    expect(fromPglite.map((e) => e.step)).toEqual(fromPostgres.map((e) => e.step));
    for (const [i, expected] of fromPostgres.entries()) {
      expect(fromPglite[i], expected.step).toEqual(expected);
    }
  });
});
