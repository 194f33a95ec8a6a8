import { readdirSync } from "node:fs";
import { createAjv } from "./create-ajv.ts";
import { describe, expect, it } from "vitest";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import type { FieldContext } from "./field-type.ts";
import { commonFieldProperties, fieldTypes, getFieldType } from "./registry.ts";

// ajv and ajv-formats are CommonJS; under NodeNext their default import is module.exports.
const ajv = createAjv();

const cents: FieldContext = { currencyDecimals: 2 };
const yen: FieldContext = { currencyDecimals: 0 };

/** The smallest valid definition of each type: some types require properties. */
const minimalField = (type: string): FieldMetadata => ({
  type,
  ...(type === "enum" || type === "multiEnum" ? { options: ["new", "won", "lost"] } : {}),
  ...(type === "reference" ? { entity: "customer" } : {}),
});

function fieldType(name: string) {
  const type = getFieldType(name);
  if (type === undefined) throw new Error(`${name} is not registered`);
  return type;
}

function accepts(field: FieldMetadata, value: unknown, ctx: FieldContext = cents): boolean {
  return ajv.validate(fieldType(field.type).jsonSchema(field, ctx), value);
}

describe("field registry", () => {
  it("registers every *.field.ts file under its name", async () => {
    const suffix = ".field.ts";
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith(suffix));
    expect(fieldTypes.size).toBe(files.length);
    for (const file of files) {
      const exported = Object.values(await import(`./${file.slice(0, -suffix.length)}.field.ts`));
      expect(exported).toHaveLength(1);
      expect(fieldTypes.get((exported[0] as { name: string }).name)).toBe(exported[0]);
    }
  });

  it.each([...fieldTypes.keys()])("%s: valid metadata, a schema Ajv compiles strictly", (name) => {
    const type = fieldType(name);
    const field = minimalField(name);
    expect(type.check?.(field) ?? {}).toEqual({});
    expect(
      type.properties.filter((p) => (commonFieldProperties as readonly string[]).includes(p)),
    ).toEqual([]);
    for (const ctx of [cents, yen])
      expect(() => ajv.compile(type.jsonSchema(field, ctx))).not.toThrow();
  });
});

describe("values", () => {
  const cases: [string, FieldMetadata, unknown[], unknown[]][] = [
    ["text", { type: "text", minLength: 2 }, ["ab"], ["a", "x".repeat(256), 1]],
    ["longText", { type: "longText" }, ["line\nline", "x".repeat(100_000)], ["x".repeat(100_001)]],
    ["integer", { type: "integer", minimum: 0, maximum: 10 }, [0, 10], [-1, 11, 1.5, "3"]],
    ["unbounded integer", { type: "integer" }, [Number.MAX_SAFE_INTEGER], [2 ** 53]],
    [
      "decimal",
      { type: "decimal" },
      ["1234.50", "-0.5", "0", "12", "9999999999999999.99"],
      ["1.234", 1.5, "1e3", "01.5", "1.", ".5", "+1", "10000000000000000", "1 234.50"],
    ],
    ["decimal(4,4)", { type: "decimal", precision: 4, scale: 4 }, ["0.1234"], ["1.1234"]],
    ["decimal(5,0)", { type: "decimal", precision: 5, scale: 0 }, ["12345"], ["1.0", "123456"]],
    ["money", { type: "money" }, ["1234.50", "-3"], ["1234.505", 12]],
    ["boolean", { type: "boolean" }, [true, false], ["true", 0]],
    [
      "date",
      { type: "date" },
      ["2024-02-29"],
      ["2023-02-29", "2024-05-01T00:00:00Z", "01/05/2024"],
    ],
    [
      "datetime",
      { type: "datetime" },
      ["2024-05-01T09:30:00Z", "2024-05-01T09:30:00.123+08:00"],
      ["2024-05-01T09:30:00", "2024-05-01", "2024-05-01T09:30:00+0800"],
    ],
    ["enum", minimalField("enum"), ["won"], ["draft", "WON", ["won"]]],
    [
      "multiEnum",
      minimalField("multiEnum"),
      [[], ["new", "won"]],
      [["won", "won"], ["draft"], "won"],
    ],
    [
      "reference",
      minimalField("reference"),
      ["0b6f3c1e-8a1d-4c2e-9f3a-5d7e8b9c0a1f"],
      ["42", "0B6F3C1E-8A1D-4C2E-9F3A-5D7E8B9C0A1F", "0b6f3c1e8a1d4c2e9f3a5d7e8b9c0a1f"],
    ],
    ["email", { type: "email" }, ["someone@example.com"], ["someone", `${"a".repeat(250)}@x.io`]],
    [
      "phone",
      { type: "phone" },
      ["+86 571 8888 1234", "(0571) 8888-1234 ext. 12", "110"],
      ["+86 abc 1234", "call me", "12", "1".repeat(33), "---"],
    ],
    [
      "url",
      { type: "url" },
      ["https://example.com/a?b=c", "http://localhost:3000"],
      ["javascript:alert(1)", "ftp://example.com", "example.com"],
    ],
    ["json", { type: "json" }, [{ a: [1] }, [1, "x"], "text", 0], []],
  ];

  it.each(cases)("%s", (_label, field, valid, invalid) => {
    for (const v of valid) expect(accepts(field, v), JSON.stringify(v)).toBe(true);
    for (const v of invalid) expect(accepts(field, v), JSON.stringify(v)).toBe(false);
  });

  it("money takes its scale from the company's currency", () => {
    const money: FieldMetadata = { type: "money" };
    expect(accepts(money, "1234", yen)).toBe(true);
    expect(accepts(money, "1234.5", yen)).toBe(false);
    expect(accepts(money, "1234.50", cents)).toBe(true);
    expect(fieldType("money").expects?.(money, yen)?.in("en")).toBe(
      'a decimal string without decimals such as "1234"',
    );
  });

  it("decimal says what it expects", () => {
    expect(fieldType("decimal").expects?.({ type: "decimal" }, cents)?.in("en")).toBe(
      'a decimal string such as "1234.50" with at most 2 decimals',
    );
    expect(fieldType("decimal").expects?.({ type: "decimal" }, cents)?.in("zh-CN")).toBe(
      "小数字符串，例如“1234.50”，最多 2 位小数",
    );
  });

  it("checks bounds of decimal strings, which JSON Schema cannot", () => {
    const field: FieldMetadata = { type: "decimal", minimum: 0, maximum: 100 };
    const check = (v: string) => fieldType("decimal").checkValue?.(v, field, cents);
    expect(check("0.00")).toBeUndefined();
    expect(check("100")).toBeUndefined();
    expect(check("-0.01")?.in("en")).toBe("must be at least 0");
    expect(check("100.01")?.in("en")).toBe("must be at most 100");
    expect(check("-0.01")?.in("zh-CN")).toBe("不能小于 0");
  });
});

describe("columns", () => {
  it.each([
    ["text", "text"],
    ["integer", "bigint"],
    ["decimal", "numeric(18,2)"],
    ["money", "numeric(18,2)"],
    ["multiEnum", "text[]"],
    ["datetime", "timestamptz"],
    ["date", "date"],
    ["reference", "uuid"],
    ["json", "jsonb"],
  ])("%s is %s", (name, sql) => {
    expect(fieldType(name).sqlType(minimalField(name), cents)).toBe(sql);
  });

  it("follows decimal precision and scale and the currency's decimals", () => {
    expect(fieldType("decimal").sqlType({ type: "decimal", precision: 10, scale: 4 }, cents)).toBe(
      "numeric(10,4)",
    );
    expect(fieldType("money").sqlType({ type: "money" }, yen)).toBe("numeric(18,0)");
  });
});

describe("metadata checks", () => {
  it.each<[FieldMetadata, string]>([
    [{ type: "enum" }, "options"],
    [{ type: "multiEnum" }, "options"],
    [{ type: "reference" }, "entity"],
    [{ type: "reference", entity: "customer", onDelete: "setNull", required: true }, "onDelete"],
    [{ type: "decimal", precision: 4, scale: 6 }, "scale"],
    [{ type: "decimal", precision: 1 }, "scale"],
    [{ type: "text", minLength: 10, maxLength: 5 }, "minLength"],
    [{ type: "text", minLength: 300 }, "minLength"],
    [{ type: "integer", minimum: 5, maximum: 1 }, "minimum"],
    [{ type: "money", minimum: 5, maximum: 1 }, "minimum"],
  ])("%j breaks a rule on %s", (field, property) => {
    expect(Object.keys(fieldType(field.type).check?.(field) ?? {})).toEqual([property]);
  });

  it("names the missing options", () => {
    expect(fieldType("enum").check?.({ type: "enum" })?.options?.in("en")).toBe(
      "this field type needs options",
    );
  });
});

describe("conversions", () => {
  it("datetime binds a Date of the same instant", () => {
    const bound = fieldType("datetime").toDb?.(
      "2024-05-01T09:30:00+08:00",
      { type: "datetime" },
      cents,
    );
    expect(bound).toBeInstanceOf(Date);
    expect((bound as Date).toISOString()).toBe("2024-05-01T01:30:00.000Z");
  });

  it("json binds JSON text so arrays and strings reach jsonb intact", () => {
    const toDb = fieldType("json").toDb;
    expect(toDb?.([1, 2], { type: "json" }, cents)).toBe("[1,2]");
    expect(toDb?.("x", { type: "json" }, cents)).toBe('"x"');
  });
});
