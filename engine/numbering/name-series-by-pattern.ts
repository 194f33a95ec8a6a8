import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import { seriesName } from "../metadata/number-pattern.ts";
import { patternOf } from "./number-series.ts";
import { numberSeriesTable } from "./number-series-table.ts";

/**
 * Counters were once named `<entity>.<field>` alone; now a series is named by
 * its pattern too (`NumberSeries`). Renames the old counters after the pattern
 * in force, the one they counted, so numbering continues where it stood
 * instead of issuing those numbers again.
 */
export async function nameSeriesByPattern(tx: Db, schema: string): Promise<void> {
  const { rows } = await sql<{ good_metadata: EffectiveMetadata | null }>`
    select "good_metadata" from ${sql.id(schema, "sys_meta_state")} where "id" = 1`.execute(tx);
  const meta = rows[0]?.good_metadata;
  if (!meta) return;
  for (const [key, def] of Object.entries(meta.entities)) {
    const numbering = def.entity.numbering;
    if (!numbering) continue;
    const old = `${key}.${numbering.field}`;
    await sql`update ${sql.id(schema, numberSeriesTable)}
      set "series" = ${`${old}:${seriesName(patternOf(numbering.pattern))}`}
      where "series" = ${old}`.execute(tx);
  }
}
