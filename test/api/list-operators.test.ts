import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

/**
 * Every filter operator of every field type a customer has, against a data
 * set built so that a wrong operator gives a different set of names: nulls
 * next to values, values on both bounds of every range, LIKE wildcards that
 * must match only themselves, and names that differ only in case.
 */
let admin: TestClient;

const AT = "Acme Trading";
const AH = "ACME Holdings";
const AL = "acme labs";
const P100 = "100% Natural";
const N1000 = "1000 Natural";
const SC = "snake_case Ltd";
const SX = "snakeXcase Ltd";
const BS = "Back\\slash Co";
const BN = "Backslash Co";
const HZ = "杭州西湖科技";
const HG = "杭钢集团";
const BJ = "北京中关村";
const NC = "Null Corp";

const rows: Record<string, unknown>[] = [
  {
    name: AT,
    shortName: "ACME",
    city: "杭州",
    quality: "A",
    employees: 10,
    creditLimit: "1000",
    nextFollowUp: "2026-02-28",
    isKeyAccount: true,
    tags: ["vip", "overseas"],
    phone: "0571-8888 0001",
    email: "sales@acme.example",
    remark: "Pays 100% upfront",
    x_meta: { level: 1 },
  },
  {
    name: AH,
    city: "上海",
    quality: "B",
    employees: 250,
    creditLimit: "1000.50",
    nextFollowUp: "2026-03-01",
    tags: ["vip"],
    phone: "+86 21 5555 0002",
    email: "INFO@ACME.EXAMPLE",
    remark: "pays_late",
    x_meta: [],
  },
  {
    name: AL,
    city: "杭州",
    quality: "C",
    employees: 0,
    creditLimit: "0",
    nextFollowUp: "2026-03-02",
    tags: [],
  },
  { name: P100, quality: "B", employees: 50, creditLimit: "0.01", tags: ["longTerm"] },
  { name: N1000, employees: 49, creditLimit: "99999.99", nextFollowUp: "2025-12-31" },
  { name: SC, employees: 51, nextFollowUp: "2026-01-01", isKeyAccount: true },
  { name: SX },
  { name: BS },
  { name: BN },
  { name: HZ, city: "杭州市", quality: "A", tags: ["longTerm", "vip"] },
  { name: HG, shortName: "杭钢" },
  { name: BJ, shortName: "驻杭州办", city: "北京" },
  { name: NC, isKeyAccount: null, x_meta: null },
];

const all = rows.map((r) => r.name as string);
const except = (...names: string[]) => all.filter((n) => !names.includes(n));

type Case = [field: string, op: string, value: unknown, expected: string[]];

async function matching(field: string, op: string, value: unknown): Promise<string[]> {
  const filter = encodeURIComponent(JSON.stringify({ field, op, value }));
  const res = await admin.get(`/api/data/customer?limit=200&filter=${filter}`);
  expect(res.status, res.text).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items.map((r: { name: string }) => r.name).sort();
}

const run = (cases: Case[]) =>
  it.each(cases)("%s %s %j", async (field, op, value, expected) => {
    expect(await matching(field, op, value)).toEqual([...expected].sort());
  });

beforeAll(async () => {
  const engine = await testEngine();
  ({ admin } = await testCompany(engine, "ops"));
  const field = await admin.post("/api/admin/entities/customer/fields", {
    key: "x_meta",
    type: "json",
    labels: { "zh-CN": "扩展", en: "Meta" },
  });
  expect(field.status, field.text).toBe(201);
  for (const row of rows) {
    const res = await admin.post("/api/data/customer", row);
    expect(res.status, res.text).toBe(201);
  }
});

it("stored the data set as designed (defaults, explicit nulls, empty arrays)", async () => {
  const res = await admin.get("/api/data/customer?limit=200&sort=name");
  const byName = new Map(res.body.items.map((r: { name: string }) => [r.name, r]));
  expect(res.body.total).toBe(rows.length);
  expect(byName.get(NC)).toMatchObject({ isKeyAccount: null, x_meta: null, tags: null });
  expect(byName.get(SX)).toMatchObject({ isKeyAccount: false, tags: null, city: null });
  expect(byName.get(AL)).toMatchObject({ tags: [], creditLimit: "0.00", employees: 0 });
  expect(byName.get(AT)).toMatchObject({ creditLimit: "1000.00", isKeyAccount: true });
});

describe("text: eq is exact, contains and startsWith ignore case and take % _ \\ literally", () => {
  run([
    ["name", "eq", AT, [AT]],
    ["name", "eq", "acme trading", []],
    ["name", "ne", AT, except(AT)],
    ["name", "in", [AT, HG, "nobody"], [AT, HG]],
    ["name", "nin", [AT, HG], except(AT, HG)],
    ["name", "in", [], []],
    ["name", "nin", [], all],
    ["name", "contains", "acme", [AT, AH, AL]],
    ["name", "contains", "ACME", [AT, AH, AL]],
    ["name", "contains", "aCmE h", [AH]],
    ["name", "contains", "%", [P100]],
    ["name", "contains", "0%", [P100]],
    ["name", "contains", "_", [SC]],
    ["name", "contains", "e_c", [SC]],
    ["name", "contains", "\\", [BS]],
    ["name", "contains", "k\\s", [BS]],
    ["name", "contains", "杭", [HZ, HG]],
    ["name", "contains", "杭州", [HZ]],
    ["name", "startsWith", "ACME", [AT, AH, AL]],
    ["name", "startsWith", "100%", [P100]],
    ["name", "startsWith", "snake_", [SC]],
    ["name", "startsWith", "back\\", [BS]],
    ["name", "startsWith", "杭", [HZ, HG]],
    ["name", "startsWith", "州", []],
    ["name", "isNull", true, []],
    ["name", "isNull", false, all],
  ]);
});

describe("text with empty values: ne and nin include them", () => {
  run([
    ["city", "eq", "杭州", [AT, AL]],
    ["city", "ne", "杭州", except(AT, AL)],
    ["city", "in", ["杭州", "北京"], [AT, AL, BJ]],
    ["city", "nin", ["杭州", "北京"], except(AT, AL, BJ)],
    ["city", "contains", "杭州", [AT, AL, HZ]],
    ["city", "startsWith", "杭州市", [HZ]],
    ["city", "isNull", true, except(AT, AH, AL, HZ, BJ)],
    ["city", "isNull", false, [AT, AH, AL, HZ, BJ]],
  ]);
});

describe("phone, email and longText", () => {
  run([
    ["phone", "eq", "0571-8888 0001", [AT]],
    ["phone", "ne", "0571-8888 0001", except(AT)],
    ["phone", "in", ["0571-8888 0001", "+86 21 5555 0002"], [AT, AH]],
    ["phone", "nin", ["0571-8888 0001"], except(AT)],
    ["phone", "contains", "8888", [AT]],
    ["phone", "startsWith", "+86", [AH]],
    ["phone", "isNull", false, [AT, AH]],
    ["email", "eq", "sales@acme.example", [AT]],
    ["email", "contains", "Acme.Example", [AT, AH]],
    ["email", "startsWith", "info@", [AH]],
    ["email", "isNull", true, except(AT, AH)],
    ["remark", "contains", "PAYS", [AT, AH]],
    ["remark", "contains", "_", [AH]],
    ["remark", "contains", "%", [AT]],
    ["remark", "isNull", true, except(AT, AH)],
    ["remark", "isNull", false, [AT, AH]],
  ]);
});

describe("enum", () => {
  run([
    ["quality", "eq", "A", [AT, HZ]],
    ["quality", "ne", "A", except(AT, HZ)],
    ["quality", "in", ["A", "C"], [AT, HZ, AL]],
    ["quality", "nin", ["A", "B"], except(AT, HZ, AH, P100)],
    ["quality", "isNull", true, except(AT, HZ, AH, P100, AL)],
    ["quality", "isNull", false, [AT, HZ, AH, P100, AL]],
  ]);
});

describe("integer: between is inclusive at both ends", () => {
  run([
    ["employees", "eq", 50, [P100]],
    ["employees", "eq", 0, [AL]],
    ["employees", "ne", 50, except(P100)],
    ["employees", "lt", 50, [AT, AL, N1000]],
    ["employees", "lte", 50, [AT, AL, N1000, P100]],
    ["employees", "gt", 50, [AH, SC]],
    ["employees", "gte", 50, [AH, SC, P100]],
    ["employees", "between", [49, 51], [N1000, P100, SC]],
    ["employees", "between", [0, 10], [AL, AT]],
    ["employees", "between", [51, 49], []],
    ["employees", "in", [0, 250, 7], [AL, AH]],
    ["employees", "nin", [0, 250], except(AL, AH)],
    ["employees", "isNull", true, except(AT, AH, AL, P100, N1000, SC)],
    ["employees", "isNull", false, [AT, AH, AL, P100, N1000, SC]],
  ]);
});

describe("money: compared as numbers whatever the written scale", () => {
  run([
    ["creditLimit", "eq", "1000", [AT]],
    ["creditLimit", "eq", "1000.00", [AT]],
    ["creditLimit", "eq", "1000.5", [AH]],
    ["creditLimit", "ne", "1000", except(AT)],
    ["creditLimit", "lt", "1000", [AL, P100]],
    ["creditLimit", "lte", "1000", [AL, P100, AT]],
    ["creditLimit", "gt", "1000", [AH, N1000]],
    ["creditLimit", "gte", "1000.50", [AH, N1000]],
    ["creditLimit", "between", ["0.01", "1000.50"], [P100, AT, AH]],
    ["creditLimit", "between", ["0", "0"], [AL]],
    ["creditLimit", "in", ["0", "99999.99"], [AL, N1000]],
    ["creditLimit", "nin", ["0"], except(AL)],
    ["creditLimit", "isNull", true, except(AT, AH, AL, P100, N1000)],
    ["creditLimit", "isNull", false, [AT, AH, AL, P100, N1000]],
  ]);
});

describe("date", () => {
  run([
    ["nextFollowUp", "eq", "2026-03-01", [AH]],
    ["nextFollowUp", "ne", "2026-03-01", except(AH)],
    ["nextFollowUp", "lt", "2026-03-01", [AT, N1000, SC]],
    ["nextFollowUp", "lte", "2026-03-01", [AT, N1000, SC, AH]],
    ["nextFollowUp", "gt", "2026-03-01", [AL]],
    ["nextFollowUp", "gte", "2026-03-01", [AH, AL]],
    ["nextFollowUp", "between", ["2026-01-01", "2026-03-01"], [SC, AT, AH]],
    ["nextFollowUp", "between", ["2025-12-31", "2025-12-31"], [N1000]],
    ["nextFollowUp", "in", ["2026-02-28", "2026-03-02"], [AT, AL]],
    ["nextFollowUp", "nin", ["2026-02-28"], except(AT)],
    ["nextFollowUp", "isNull", true, except(AT, AH, AL, N1000, SC)],
  ]);
});

describe("boolean", () => {
  run([
    ["isKeyAccount", "eq", true, [AT, SC]],
    ["isKeyAccount", "eq", false, except(AT, SC, NC)],
    ["isKeyAccount", "ne", true, except(AT, SC)],
    ["isKeyAccount", "ne", false, [AT, SC, NC]],
    ["isKeyAccount", "in", [true], [AT, SC]],
    ["isKeyAccount", "nin", [true], except(AT, SC)],
    ["isKeyAccount", "isNull", true, [NC]],
    ["isKeyAccount", "isNull", false, except(NC)],
  ]);
});

describe("multiEnum: in = has any of, nin = has none (empty included), isNull = null or []", () => {
  run([
    ["tags", "in", ["vip"], [AT, AH, HZ]],
    ["tags", "in", ["overseas", "longTerm"], [AT, P100, HZ]],
    ["tags", "in", ["needsVisit"], []],
    ["tags", "in", [], []],
    ["tags", "nin", ["vip"], except(AT, AH, HZ)],
    ["tags", "nin", ["vip", "longTerm"], except(AT, AH, HZ, P100)],
    ["tags", "isNull", true, except(AT, AH, P100, HZ)],
    ["tags", "isNull", false, [AT, AH, P100, HZ]],
  ]);
});

describe("json: only isNull", () => {
  run([
    ["x_meta", "isNull", false, [AT, AH]],
    ["x_meta", "isNull", true, except(AT, AH)],
  ]);
});
