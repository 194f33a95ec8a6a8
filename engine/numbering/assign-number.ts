import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { dateInZone } from "./date-in-zone.ts";
import {
  formatNumber,
  parsePattern,
  periodKey,
  type NumberPattern,
} from "../metadata/number-pattern.ts";
import { numberSeriesTable } from "./number-series-table.ts";

/** Patterns come from metadata, which changes rarely: parse each once per process. */
const parsed = new Map<string, NumberPattern>();

function patternOf(source: string): NumberPattern {
  let pattern = parsed.get(source);
  if (!pattern) {
    // Metadata checks refuse malformed patterns, so this throws only on a bug.
    pattern = parsePattern(source);
    parsed.set(source, pattern);
  }
  return pattern;
}

/**
 * The next document number of an entity that declares `numbering`, as the
 * value of its numbered field (`{}` for an entity without numbering).
 *
 * Runs inside the create's transaction: the upsert locks the counter row
 * until that transaction ends, so concurrent creates of the same series take
 * turns, and a create that rolls back takes its increment with it. Numbers
 * are therefore unique, consecutive and without gaps. Callers should number
 * as late as possible before their insert, since the lock serialises the
 * series.
 */
export async function assignNumber(
  tx: Db,
  company: { schema: string; settings: { timezone: string } },
  entity: string,
  def: EntityDefinition,
  now: Date,
): Promise<Record<string, string>> {
  const numbering = def.entity.numbering;
  if (!numbering) return {};
  const pattern = patternOf(numbering.pattern);
  const date = dateInZone(now, company.settings.timezone);
  const table = sql.id(company.schema, numberSeriesTable);
  const { rows } = await sql<{ last: number }>`
    insert into ${table} as "s" ("series", "period", "last")
    values (${`${entity}.${numbering.field}`}, ${periodKey(pattern, date)}, 1)
    on conflict ("series", "period") do update set "last" = "s"."last" + 1
    returning "last"`.execute(tx);
  return { [numbering.field]: formatNumber(pattern, date, rows[0]!.last) };
}
