import path from "node:path";
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from "kysely";
import { describe, expect, it } from "vitest";
import type { CompanyContext } from "../companies/company-context.ts";
import { ApiError } from "../http/api-error.ts";
import { loadBaseMetadata } from "../metadata/load-base-metadata.ts";
import { compilePredicate } from "./compile-list.ts";
import type { Predicate } from "./list-plan.ts";
import { planList, type ListQuery } from "./plan-list.ts";
import { FillingEntities } from "../search-index/filling-entities.ts";

const base = loadBaseMetadata(path.resolve(import.meta.dirname, "../.."));
const company = {
  fieldContext: { currencyDecimals: 2 },
  settings: { timezone: "Asia/Shanghai" },
  searchFilling: new FillingEntities([]),
  searchTokens: { share: () => undefined },
} as unknown as CompanyContext;
const customer = base.entities.customer!;
const list = (query: ListQuery) => planList(company, customer, query);

function refusal(query: ListQuery): ApiError {
  try {
    list(query);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error("the request was accepted");
}

describe("planList", () => {
  it("defaults: no condition, the list's sort then id, 50 rows from 0, frozen", () => {
    const plan = list({});
    expect(plan).toEqual({
      entity: "customer",
      where: { kind: "and", items: [] },
      sort: [
        { column: "createdAt", descending: true },
        { column: "id", descending: true },
      ],
      limit: 50,
      offset: 0,
      after: null,
      total: "auto",
      autoTotal: { upTo: 10_000, beyond: "estimate" },
    });
    expect(
      Object.isFrozen(plan) && Object.isFrozen(plan.sort) && Object.isFrozen(plan.sort[0]),
    ).toBe(true);
  });

  it("ends every sort with id in the last key's direction, once, and nothing after it", () => {
    const sort = (s: string) =>
      list({ sort: s }).sort.map((k) => (k.descending ? "-" : "") + k.column);
    expect(sort("name,-createdAt")).toEqual(["name", "-createdAt", "-id"]);
    expect(sort("-employees")).toEqual(["-employees", "-id"]);
    expect(sort(" name , name,-name")).toEqual(["name", "id"]);
    expect(sort("-id,name")).toEqual(["-id"]);
    expect(sort("owner,version,updatedAt")).toEqual(["owner", "version", "updatedAt", "id"]);
  });

  it("searches q over the entity's search fields, escaped, combined with the filter", () => {
    const plan = list({ q: "  50%_ ", filter: '{"field":"city","op":"eq","value":"杭州"}' });
    expect(plan.where).toEqual({
      kind: "and",
      items: [
        { kind: "compare", column: "city", op: "=", value: "杭州" },
        {
          kind: "search",
          columns: ["name", "code", "phone", "shortName"],
          grams: ["50", "0%", "%_"],
          pattern: "%50\\%\\_%",
          pinyin: true,
        },
      ],
    });
    expect(list({ q: "   " }).where).toEqual({ kind: "and", items: [] });
  });

  it("refuses what it cannot plan, naming it", () => {
    expect(refusal({ filter: "{" })).toMatchObject({ code: "bad_filter", details: { path: "/" } });
    expect(refusal({ sort: "tags" })).toMatchObject({
      code: "bad_sort",
      details: { field: "tags" },
    });
    expect(refusal({ sort: "fax;" })).toMatchObject({
      code: "bad_sort",
      details: { field: "fax;" },
    });
    expect(refusal({ sort: "a,b,c,d,e,f,g,h,i" }).details).toEqual({ limit: "sortKeys", max: 8 });
    expect(refusal({ q: "x".repeat(201) }).details).toEqual({ limit: "text", max: 200 });
    expect(refusal({ limit: "201" }).details).toEqual({ limit: "limit", max: 200 });
    for (const limit of ["0", "-1", "1.5", "1e2", " 1", "12345678901"])
      expect(refusal({ limit }).code, limit).toBe("bad_request");
    expect(list({ limit: "200", offset: "10000000" })).toMatchObject({ limit: 200, offset: 1e7 });
  });
});

describe("compilePredicate: columns from the plan, values as parameters", () => {
  const db = new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const where = (p: Predicate) => {
    const { sql, parameters } = db
      .selectFrom("t as r")
      .select("r.id")
      .where((eb) => compilePredicate(p, eb))
      .compile();
    return { sql: sql.replace(/^select "r"\."id" from "t" as "r" where /, ""), parameters };
  };

  it.each<[Predicate, string, unknown[]]>([
    [
      { kind: "compare", column: "name", op: "=", value: "' or 1=1 --" },
      `"r"."name" = $1`,
      ["' or 1=1 --"],
    ],
    [
      { kind: "notEqual", column: "city", value: "x" },
      `("r"."city" <> $1 or "r"."city" is null)`,
      ["x"],
    ],
    [{ kind: "in", column: "q", values: [1, 2], negate: false }, `"r"."q" in ($1, $2)`, [1, 2]],
    [
      { kind: "in", column: "q", values: ["a"], negate: true },
      `("r"."q" not in ($1) or "r"."q" is null)`,
      ["a"],
    ],
    [{ kind: "in", column: "q", values: [], negate: false }, "false", []],
    [{ kind: "in", column: "q", values: [], negate: true }, "true", []],
    [
      { kind: "overlaps", column: "tags", values: ["vip"], negate: true },
      `(not "r"."tags" && cast($1 as text[]) or "r"."tags" is null)`,
      [["vip"]],
    ],
    [
      { kind: "like", columns: ["name", "code"], pattern: "%a\\%%" },
      `("r"."name" collate "default" ilike $1 or "r"."code" collate "default" ilike $2)`,
      ["%a\\%%", "%a\\%%"],
    ],
    [
      { kind: "emptyArray", column: "tags", empty: true },
      `("r"."tags" is null or cardinality("r"."tags") = 0)`,
      [],
    ],
    [
      { kind: "dayRange", column: "d", from: "2026-03-01", to: null, timezone: "Asia/Shanghai" },
      `"r"."d" >= (cast($1 as date)::timestamp at time zone $2)`,
      ["2026-03-01", "Asia/Shanghai"],
    ],
  ])("%j", (predicate, sql, parameters) => {
    expect(where(predicate)).toEqual({ sql, parameters });
  });
});
