import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../db/database.ts";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import { getFieldType } from "./registry.ts";

/**
 * The conversion rules of each field type (its `converts`), run in PGlite:
 * which texts a type accepts when a field changes into it, and the value
 * each becomes. `null` as the expected value means "refused".
 */
let database: Database;
// A fresh PGlite takes seconds to start.
beforeAll(async () => {
  database = await openDatabase({ kind: "pglite", dataDir: undefined });
}, 120_000);
afterAll(() => database.close());

const ctx = { currencyDecimals: 2 };

async function convert(field: FieldMetadata, text: string): Promise<string | null> {
  const type = getFieldType(field.type)!;
  const { accepts, cast } = type.converts!;
  const t = sql`${text}::text`;
  // Into the column's own type, as the stored value reads.
  const column = sql.raw(type.sqlType(field, ctx));
  const { rows } = await sql<{ value: string | null }>`
    select case when ${accepts(t, field, ctx)} then (${cast(t, field, ctx)})::${column}::text end as value`.execute(
    database.db,
  );
  return rows[0]!.value;
}

type Case = [text: string, expected: string | null];
const cases: [FieldMetadata, Case[]][] = [
  [
    { type: "integer" },
    [
      ["12", "12"],
      [" -7 ", "-7"],
      ["+3", "3"],
      ["12.00", "12"],
      ["12.5", null],
      ["1e3", null],
      ["abc", null],
      ["999999999999999", "999999999999999"],
      ["9999999999999999", null],
    ],
  ],
  [
    { type: "integer", minimum: 0, maximum: 10 },
    [
      ["10", "10"],
      ["11", null],
      ["-1", null],
    ],
  ],
  [
    { type: "decimal", precision: 5, scale: 2 },
    [
      ["123.45", "123.45"],
      ["123.450", "123.45"],
      ["123.456", null],
      ["1234.5", null],
      [".5", "0.50"],
      ["-0.5", "-0.50"],
      ["1,5", null],
    ],
  ],
  [
    { type: "money" },
    [
      ["99.99", "99.99"],
      ["99.999", null],
    ],
  ],
  [
    { type: "boolean" },
    [
      ["yes", "true"],
      [" TRUE ", "true"],
      ["0", "false"],
      ["否", "false"],
      ["maybe", null],
    ],
  ],
  [
    { type: "date" },
    [
      ["2024-02-29", "2024-02-29"],
      ["2023-02-29", null],
      ["2024-04-31", null],
      ["2024-13-01", null],
      ["0999-01-01", null],
      ["01/02/2024", null],
    ],
  ],
  [
    { type: "datetime" },
    [
      ["2024-05-01T09:30:00Z", "2024-05-01 09:30:00+00"],
      ["2024-05-01T09:30:00+08:00", "2024-05-01 01:30:00+00"],
      ["2024-05-01T24:30:00Z", null],
      ["2024-05-01T09:30:00+16:00", null],
      ["2024-05-01 09:30", null],
    ],
  ],
  [
    { type: "enum", options: ["a", "b"] },
    [
      ["a", "a"],
      ["A", null],
      ["c", null],
    ],
  ],
  [
    { type: "multiEnum", options: ["a", "b"] },
    [
      ["b", "{b}"],
      ["c", null],
    ],
  ],
  [
    { type: "text", maxLength: 3 },
    [
      ["abc", "abc"],
      ["中文字", "中文字"],
      ["abcd", null],
    ],
  ],
  [
    { type: "email" },
    [
      ["li@example.com", "li@example.com"],
      ["Li.Ming@Example.CN", "Li.Ming@Example.CN"],
      ["li@", null],
      ["li example.com", null],
    ],
  ],
  [
    { type: "phone" },
    [
      ["+86 571 8888 1234", "+86 571 8888 1234"],
      ["0571-88881234", "0571-88881234"],
      ["call me", null],
    ],
  ],
  [
    { type: "url" },
    [
      ["https://example.com/a?b=1", "https://example.com/a?b=1"],
      ["javascript:alert(1)", null],
      ["https://exa mple.com", null],
    ],
  ],
];

describe("what each type accepts when a field changes into it", () => {
  for (const [field, list] of cases)
    it(`${JSON.stringify(field)}`, async () => {
      const got = await Promise.all(list.map(([text]) => convert(field, text)));
      expect(got).toEqual(list.map(([, expected]) => expected));
    });
});

describe("which types convert into which", () => {
  const converts = (from: string, to: string) =>
    getFieldType(to)!.converts?.from.includes(from) === true &&
    getFieldType(from)!.asText !== undefined;
  it("offers the sensible pairs", () => {
    for (const [from, to] of [
      ["text", "integer"],
      ["integer", "text"],
      ["integer", "decimal"],
      ["decimal", "integer"],
      ["text", "date"],
      ["date", "text"],
      ["datetime", "text"],
      ["text", "boolean"],
      ["enum", "text"],
      ["text", "enum"],
      ["enum", "multiEnum"],
      ["text", "longText"],
      ["longText", "text"],
      ["text", "email"],
      ["phone", "text"],
    ] as const)
      expect(converts(from, to), `${from} → ${to}`).toBe(true);
  });
  it("refuses the others", () => {
    for (const [from, to] of [
      ["date", "integer"],
      ["multiEnum", "enum"],
      ["multiEnum", "text"],
      ["text", "reference"],
      ["reference", "text"],
      ["text", "json"],
    ] as const)
      expect(converts(from, to), `${from} → ${to}`).toBe(false);
  });
});
