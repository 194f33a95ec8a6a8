import { sql, type RawBuilder } from "kysely";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import type { FieldContext } from "./field-type.ts";

/** An SQL expression: a stored value, its text, or a test of it. */
export type Sql = RawBuilder<unknown>;

/**
 * How a field type takes the values of a field whose type changes into it
 * (admin/type-change.ts): every old value is first read as text (the old
 * type's `asText`), then tested and cast by the new type, in SQL, so that
 * one query counts the values that would not convert and one update converts
 * the rest. `accepts` must be true exactly for the texts the API would take
 * for the new field (its JSON Schema and `checkValue`), so that no stored
 * value is one the API would refuse; `cast` is only reached for those.
 */
export interface TextConversion {
  /** The types whose values this type converts (itself included when its own properties may change storage). */
  readonly from: readonly string[];
  /** True for a text (never null) that is a value of `field`. */
  accepts(text: Sql, field: FieldMetadata, ctx: FieldContext): Sql;
  /** The new column's value of an accepted text. */
  cast(text: Sql, field: FieldMetadata, ctx: FieldContext): Sql;
  /** Blank text (spaces only) means no value here, as an empty text box does: it becomes null. */
  readonly blankIsEmpty?: boolean;
}

/**
 * Texts as SQL literals: conversions run inside ALTER TABLE … USING, which,
 * being DDL, takes no bound parameters. Every text here is a type's own or an
 * option key (a checked pattern), and Kysely quotes literals.
 */
export const textList = (texts: readonly string[]): Sql =>
  texts.length === 0 ? sql`null` : sql.join(texts.map((t) => sql.lit(t)));

/** `case when <guard> then <test> else false end`: PostgreSQL evaluates `and` in any order, a CASE in order. */
export const guarded = (guard: Sql, test: Sql): Sql =>
  sql`(case when ${guard} then ${test} else false end)`;

/** All of the tests (true when there are none). */
export const all = (tests: Sql[]): Sql =>
  tests.length === 0 ? sql`true` : sql`(${sql.join(tests, sql` and `)})`;

/** The length rules of a text field, counted in characters as JSON Schema counts them. */
export function lengthTests(text: Sql, min: number | undefined, max: number): Sql[] {
  return [
    sql`char_length(${text}) <= ${sql.lit(max)}`,
    ...(min === undefined ? [] : [sql`char_length(${text}) >= ${sql.lit(min)}`]),
  ];
}

/** The types whose values a text field takes as they read. */
export const writtenAsText = [
  "text",
  "longText",
  "integer",
  "decimal",
  "money",
  "date",
  "datetime",
  "boolean",
  "enum",
  "email",
  "phone",
  "url",
];

/** Text held as typed: its length, and a pattern when the type has one. */
export function textConversion(
  from: readonly string[],
  rules: (field: FieldMetadata) => {
    min?: number;
    max: number;
    pattern?: string;
    caseless?: boolean;
  },
): TextConversion {
  return {
    from,
    accepts: (t, f) => {
      const r = rules(f);
      return all([
        ...lengthTests(t, r.min, r.max),
        ...(r.pattern
          ? [r.caseless ? sql`${t} ~* ${sql.lit(r.pattern)}` : sql`${t} ~ ${sql.lit(r.pattern)}`]
          : []),
      ]);
    },
    cast: (t) => t,
  };
}

/** One of the field's options, as the text itself. */
export const optionTest = (text: Sql, field: FieldMetadata): Sql =>
  sql`${text} in (${textList(field.options ?? [])})`;

/** The bounds of a number field, on a numeric expression. */
export function boundTests(value: Sql, field: FieldMetadata): Sql[] {
  return [
    ...(field.minimum === undefined ? [] : [sql`${value} >= ${sql.lit(field.minimum)}`]),
    ...(field.maximum === undefined ? [] : [sql`${value} <= ${sql.lit(field.maximum)}`]),
  ];
}

/** A number written plainly: optional sign, digits, optional decimals; spaces around allowed. */
export const numberPattern = "^\\s*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)\\s*$";

/**
 * A decimal that fits `numeric(precision, scale)` without rounding and within the field's bounds.
 * The digits are counted on the text before any cast, so no cast can overflow.
 */
export function decimalConversion(
  from: readonly string[],
  digits: (field: FieldMetadata, ctx: FieldContext) => { precision: number; scale: number },
): TextConversion {
  const integerDigits = (t: Sql) =>
    sql`char_length(ltrim(split_part(ltrim(trim(${t}), '+-'), '.', 1), '0'))`;
  const fraction = (t: Sql) => sql`rtrim(split_part(trim(${t}), '.', 2), '0')`;
  return {
    from,
    blankIsEmpty: true,
    accepts: (t, f, ctx) => {
      const { precision, scale } = digits(f, ctx);
      return guarded(
        sql`${t} ~ ${sql.lit(numberPattern)}`,
        all([
          sql`${integerDigits(t)} <= ${sql.lit(precision - scale)}`,
          sql`char_length(${fraction(t)}) <= ${sql.lit(scale)}`,
          ...boundTests(sql`trim(${t})::numeric`, f),
        ]),
      );
    },
    cast: (t) => sql`trim(${t})::numeric`,
  };
}

/** Whether `YYYY-MM-DD` at the start of a text is a day of the calendar (the pattern checked first). */
export const isCalendarDay = (t: Sql): Sql =>
  sql`(substr(${t}, 6, 2)::int between 1 and 12 and substr(${t}, 9, 2)::int between 1 and
    extract(day from date_trunc('month', (substr(${t}, 1, 7) || '-01')::date) + interval '1 month - 1 day')::int)`;
