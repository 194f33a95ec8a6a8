import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { dateInZone } from "./date-in-zone.ts";
import { numberPrefix, NumberSeries } from "./number-series.ts";

/**
 * The next document number of an entity that declares automatic `numbering`,
 * as the value of its numbered field (`{}` for an entity without it), in the
 * series of the record's prefix (`values` are the record's).
 *
 * Runs inside the create's transaction (see `NumberSeries.take`): numbers are
 * unique, consecutive and without gaps per series. Callers should number as
 * late as possible before their insert, since the lock serialises the series.
 */
export async function assignNumber(
  tx: Db,
  company: { schema: string; settings: { timezone: string } },
  entity: string,
  def: EntityDefinition,
  now: Date,
  values: Record<string, unknown>,
): Promise<Record<string, string>> {
  const numbering = def.entity.numbering;
  if (!numbering || numbering.automatic === false) return {};
  const date = dateInZone(now, company.settings.timezone);
  const series = new NumberSeries(entity, numbering, numberPrefix(numbering, values), date);
  return { [numbering.field]: await series.take(tx, company.schema) };
}
