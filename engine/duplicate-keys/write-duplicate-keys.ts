import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { duplicateColumn, duplicateKeys } from "./duplicate-keys.ts";

/** The duplicate keys of rows given with their id and duplicate fields, computed and written in one statement. */
export async function writeDuplicateKeys(
  tx: Db,
  table: string,
  def: EntityDefinition,
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<void> {
  if (rows.length === 0) return;
  const data = rows.map((row) => ({ id: row.id, keys: duplicateKeys(def, row) }));
  await sql`update ${sql.table(table)} as t set ${sql.id(duplicateColumn)} = v.keys
    from jsonb_to_recordset(cast(${JSON.stringify(data)} as jsonb)) as v(id uuid, keys text[])
    where t.id = v.id`.execute(tx);
}
