import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EntityMetadata } from "../../metadata/types.gen.ts";
import {
  formatNumber,
  parsePattern,
  periodKey,
  seriesName,
  type DateParts,
  type NumberPattern,
} from "../metadata/number-pattern.ts";
import { numberSeriesTable } from "./number-series-table.ts";

export type Numbering = NonNullable<EntityMetadata["numbering"]>;

/** Patterns come from metadata, which changes rarely: parse each once per process. */
const parsed = new Map<string, NumberPattern>();

export function patternOf(source: string): NumberPattern {
  let pattern = parsed.get(source);
  if (!pattern) {
    // Metadata checks refuse malformed patterns, so this throws only on a bug.
    pattern = parsePattern(source);
    parsed.set(source, pattern);
  }
  return pattern;
}

/** The text `{prefix}` stands for in a record with these values ("" without a listed option). */
export function numberPrefix(numbering: Numbering, values: Record<string, unknown>): string {
  const { prefixes } = numbering;
  if (!prefixes || !patternOf(numbering.pattern).hasPrefix) return "";
  const value = values[prefixes.field];
  return typeof value === "string" && Object.hasOwn(prefixes.values, value)
    ? prefixes.values[value]!
    : "";
}

/**
 * One series of numbers and the counter row that counts it: `<entity>.<field>:<series name>`
 * (see `seriesName`) and the period of `date`.
 */
export class NumberSeries {
  readonly pattern: NumberPattern;
  readonly key: string;
  readonly period: string;

  constructor(
    entity: string,
    numbering: Numbering,
    readonly prefix: string,
    readonly date: DateParts,
  ) {
    this.pattern = patternOf(numbering.pattern);
    this.key = `${entity}.${numbering.field}:${seriesName(this.pattern, prefix)}`;
    this.period = periodKey(this.pattern, date);
  }

  format(seq: number): string {
    return formatNumber(this.pattern, this.date, seq, this.prefix);
  }

  /**
   * Takes the next number. Inside the create's transaction: the upsert locks
   * the counter row until that transaction ends, so concurrent creates of the
   * same series take turns, and a create that rolls back takes its increment
   * with it.
   */
  async take(tx: Db, schema: string): Promise<string> {
    const { rows } = await sql<{ last: number }>`
      insert into ${sql.id(schema, numberSeriesTable)} as "s" ("series", "period", "last")
      values (${this.key}, ${this.period}, 1)
      on conflict ("series", "period") do update set "last" = "s"."last" + 1
      returning "last"`.execute(tx);
    return this.format(Number(rows[0]!.last));
  }

  /** The number the next create would take, without taking it (another create may still come first). */
  async peek(db: Db, schema: string): Promise<string> {
    const { rows } = await sql<{ last: number }>`
      select "last" from ${sql.id(schema, numberSeriesTable)}
      where "series" = ${this.key} and "period" = ${this.period}`.execute(db);
    return this.format(Number(rows[0]?.last ?? 0) + 1);
  }
}
