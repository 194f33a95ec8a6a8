import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";
import { reservedEntityKey, reservedFieldKey } from "../metadata/reserved-keys.ts";

/** A 400 naming the `key` of the request when a new field's key is reserved. */
export function refuseReservedFieldKey(key: string): void {
  const message = reservedFieldKey(key);
  if (message) throw ApiError.invalidRequest([{ field: "key", rule: "reserved", message }]);
}

/**
 * A 400 naming the `key` of the request when a new entity's key is reserved
 * or names a table the company's schema already has (the engine's, a
 * module's, or an archived entity's, whose data stays).
 */
export async function refuseReservedEntityKey(tx: Db, schema: string, key: string): Promise<void> {
  let message = reservedEntityKey(key);
  if (!message) {
    const { rows } = await sql`select 1 from information_schema.tables
      where table_schema = ${schema} and table_name = ${key}`.execute(tx);
    if (rows.length > 0)
      message = tr('entity key "{key}" is taken: the company already has a table of that name', {
        key,
      });
  }
  if (message) throw ApiError.invalidRequest([{ field: "key", rule: "reserved", message }]);
}
