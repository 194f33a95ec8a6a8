import { sql } from "kysely";
import type { Db } from "../db/database.ts";

export const roleTable = "sys_role";
export const userRoleTable = "sys_user_role";

/** Roles and who holds them; `if not exists` for companies older than roles (see org-tables.ts). */
export async function createRoleTables(tx: Db, schema: string): Promise<void> {
  await sql`create table if not exists ${sql.id(schema, roleTable)} (
    "id" uuid primary key,
    "key" text not null unique,
    "name" text not null,
    "permissions" jsonb not null,
    "created_at" timestamptz not null
  )`.execute(tx);
  await sql`create table if not exists ${sql.id(schema, userRoleTable)} (
    "user_id" uuid not null references ${sql.id(schema, "sys_user")} ("id") on delete cascade,
    "role_id" uuid not null references ${sql.id(schema, roleTable)} ("id"),
    primary key ("user_id", "role_id")
  )`.execute(tx);
}
