import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { Json, Timestamp } from "../db/system-tables.ts";

/** Each user's UI preferences (a list's hidden and ordered columns…), one JSON value per key. */
export const userPrefTable = "sys_user_pref";

/**
 * Creates the preference table when it is missing (the prefs module's first
 * migration, which may meet a table made before migrations existed).
 */
export async function createUserPrefTable(tx: Db, schema: string): Promise<void> {
  await sql`create table if not exists ${sql.id(schema, userPrefTable)} (
    "user_id" uuid not null references ${sql.id(schema, "sys_user")} ("id") on delete cascade,
    "key" text not null,
    "value" jsonb not null,
    "updated_at" timestamptz not null,
    primary key ("user_id", "key")
  )`.execute(tx);
}

declare module "../db/system-tables.ts" {
  interface SystemTables {
    [userPrefTable]: UserPrefTable;
  }
}

/** One UI preference of one user. */
export interface UserPrefTable {
  user_id: string;
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}
