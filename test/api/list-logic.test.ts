import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

/** and/or/not, multi-column sort with nulls and ties, paging with total, and q. */
let admin: TestClient;

const AT = "Acme Trading";
const AH = "ACME Holdings";
const AL = "acme labs";
const HZ = "杭州西湖科技";
const HG = "杭钢集团";
const BJ = "北京中关村";
const ZE = "Zeta";
const BE = "beta 100%";
const GA = "gamma_ray";
const DE = "delta";
// In creation order, one second apart: createdAt and id both follow this order.
const rows: Record<string, unknown>[] = [
  { name: AT, city: "杭州", quality: "A", employees: 10, shortName: "ACME" },
  { name: AH, city: "上海", quality: "B", employees: 250 },
  { name: AL, city: "杭州", quality: "A" },
  { name: HZ, city: "杭州", employees: 10 },
  { name: HG, quality: "B", employees: 10, shortName: "杭钢" },
  { name: BJ, city: "北京", quality: "A", employees: 99, shortName: "驻杭州办" },
  { name: ZE, phone: "0571-8888 1234" },
  { name: BE, city: "上海", quality: "C", employees: 5 },
  { name: GA, quality: "C", employees: 5 },
  { name: DE, quality: "A", employees: 10 },
];
const all = rows.map((r) => r.name as string);
const codes: Record<string, string> = {};

async function list(params: Record<string, unknown>) {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v))}`)
    .join("&");
  const res = await admin.get(`/api/data/customer?${query}`);
  expect(res.status, res.text).toBe(200);
  return { names: res.body.items.map((r: { name: string }) => r.name), total: res.body.total };
}
const names = async (params: Record<string, unknown>) => (await list(params)).names;
const set = async (params: Record<string, unknown>) => (await names(params)).sort();
const sorted = (...n: string[]) => [...n].sort();

beforeAll(async () => {
  const engine = await testEngine();
  ({ admin } = await testCompany(engine, "logic"));
  for (const row of rows) {
    engine.clock.advance(1000);
    const res = await admin.post("/api/data/customer", row);
    expect(res.status, res.text).toBe(201);
    codes[row.name as string] = res.body.code;
  }
});

describe("and, or, not", () => {
  const city = (value: string) => ({ field: "city", op: "eq", value });
  const quality = (value: string) => ({ field: "quality", op: "eq", value });

  it("combines conditions", async () => {
    expect(await set({ filter: { and: [city("杭州"), quality("A")] } })).toEqual(sorted(AT, AL));
    expect(await set({ filter: { or: [city("北京"), quality("C")] } })).toEqual(sorted(BJ, BE, GA));
    const nested = {
      and: [
        { or: [city("杭州"), city("上海")] },
        { not: { field: "name", op: "startsWith", value: "acme" } },
      ],
    };
    expect(await set({ filter: nested })).toEqual(sorted(HZ, BE));
  });

  it("negates: not around ne is eq (no empty values), not not is the condition", async () => {
    const notNe = { not: { field: "city", op: "ne", value: "杭州" } };
    expect(await set({ filter: notNe })).toEqual(sorted(AT, AL, HZ));
    expect(await set({ filter: { not: { not: city("杭州") } } })).toEqual(sorted(AT, AL, HZ));
    const neither = {
      not: { or: [quality("A"), { field: "quality", op: "isNull", value: true }] },
    };
    expect(await set({ filter: neither })).toEqual(sorted(AH, HG, BE, GA));
  });

  it("takes an empty and as everything, an empty or as nothing", async () => {
    expect(await set({ filter: { and: [] } })).toEqual(sorted(...all));
    expect(await set({ filter: { or: [] } })).toEqual([]);
    expect(await set({ filter: { not: { or: [] } } })).toEqual(sorted(...all));
  });

  // not(x) is everything outside x: rows where x is unknown (an empty field) included.
  it("not around eq also finds the records without a value, as ne does", async () => {
    const ne = await set({ filter: { field: "city", op: "ne", value: "杭州" } });
    expect(ne).toEqual(sorted(AH, HG, BJ, ZE, BE, GA, DE));
    expect(await set({ filter: { not: city("杭州") } })).toEqual(ne);
  });
});

describe("sort", () => {
  it("sorts by several columns, nulls last ascending and first descending, then by name", async () => {
    expect(await names({ sort: "quality,-employees,name" })).toEqual([
      AL,
      BJ,
      AT,
      DE,
      AH,
      HG,
      BE,
      GA,
      ZE,
      HZ,
    ]);
  });

  it("breaks ties by id, in the direction of the first key", async () => {
    expect(await names({ sort: "quality" })).toEqual([AT, AL, BJ, DE, AH, HG, BE, GA, HZ, ZE]);
    expect(await names({ sort: "-quality" })).toEqual([ZE, HZ, GA, BE, HG, AH, DE, BJ, AL, AT]);
  });

  it("sorts by system fields; the default is the list's -createdAt", async () => {
    expect(await names({ sort: "createdAt" })).toEqual(all);
    expect(await names({})).toEqual([...all].reverse());
    expect(await names({ sort: "-createdAt" })).toEqual([...all].reverse());
    expect(await names({ sort: "-id" })).toEqual([...all].reverse());
    expect(await names({ sort: " employees , -createdAt " })).toEqual([
      GA,
      BE,
      DE,
      HG,
      HZ,
      AT,
      BJ,
      AH,
      ZE,
      AL,
    ]);
  });
});

describe("paging", () => {
  it("gives every record once across pages, with the whole count as total", async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 12; offset += 3) {
      const page = await list({ sort: "quality,employees", limit: "3", offset: String(offset) });
      expect(page.total).toBe(10);
      expect(page.names).toHaveLength(Math.min(3, 10 - offset));
      seen.push(...page.names);
    }
    expect(seen).toEqual(await names({ sort: "quality,employees", limit: "200" }));
    expect(new Set(seen).size).toBe(10);
  });

  it("past the end: no items, the right total", async () => {
    expect(await list({ offset: "10" })).toEqual({ names: [], total: 10 });
    expect(await list({ offset: "1000", limit: "5" })).toEqual({ names: [], total: 10 });
    const a = { field: "quality", op: "eq", value: "A" };
    expect(await list({ filter: a, sort: "quality", limit: "2", offset: "2" })).toEqual({
      names: [BJ, DE],
      total: 4,
    });
    expect(await list({ filter: a, offset: "4" })).toEqual({ names: [], total: 4 });
    expect(await list({ filter: { or: [] }, offset: "3" })).toEqual({ names: [], total: 0 });
  });
});

describe("q: case-insensitive substring of name, code, phone and shortName", () => {
  it("finds Chinese one- and two-character terms in names and short names", async () => {
    expect(await set({ q: "杭" })).toEqual(sorted(HZ, HG, BJ));
    expect(await set({ q: "杭州" })).toEqual(sorted(HZ, BJ));
    expect(await set({ q: "钢" })).toEqual([HG]);
    expect(await set({ q: "上海" })).toEqual([]); // city is not a search field
  });

  it("ignores case and surrounding blanks in Latin terms", async () => {
    for (const q of ["acme", "ACME", "aCmE", "  acme  "])
      expect(await set({ q }), q).toEqual(sorted(AT, AH, AL));
    expect(await set({ q: "acme h" })).toEqual([AH]);
    expect(await set({ q: "   " })).toEqual(sorted(...all));
    expect(await set({ q: "nobody" })).toEqual([]);
  });

  it("searches phone and code, and takes % and _ literally", async () => {
    expect(await set({ q: "8888" })).toEqual([ZE]);
    expect(codes[BJ]).toMatch(/^KH\d{6}-\d{4}$/);
    expect(await set({ q: codes[BJ]!.toLowerCase() })).toEqual([BJ]);
    expect(await set({ q: "%" })).toEqual([BE]);
    expect(await set({ q: "_" })).toEqual([GA]);
  });

  it("combines with a filter, sort and paging", async () => {
    expect(await set({ q: "acme", filter: { field: "city", op: "eq", value: "杭州" } })).toEqual(
      sorted(AT, AL),
    );
    const orFilter = {
      or: [
        { field: "city", op: "eq", value: "北京" },
        { field: "city", op: "isNull", value: true },
      ],
    };
    expect(await set({ q: "杭", filter: orFilter })).toEqual(sorted(HG, BJ));
    expect(await list({ q: "acme", sort: "-employees", limit: "2" })).toEqual({
      names: [AL, AH],
      total: 3,
    });
  });
});
