import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { departmentTable } from "../org/org-tables.ts";
import { roleTable, userRoleTable } from "../org/role-tables.ts";
import { shareTable } from "./share-table.ts";

export const accessStateTable = "sys_access_state";

/** Tables whose rows decide what a user may see: users, roles, departments, shares. */
const watched = ["sys_user", userRoleTable, roleTable, departmentTable, shareTable];

/**
 * One counter per company that moves whenever anything a user's access is
 * made of changes. It is read with the session (sessions.ts), so a process
 * may keep each user's access until it moves (load-access.ts). Triggers move
 * it, not the routes: a change made by any path — API, CLI, a support
 * engineer's SQL — reaches every process on its next request.
 */
export async function createAccessStateTable(tx: Db, schema: string): Promise<void> {
  const table = sql.id(schema, accessStateTable);
  const bump = sql.id(schema, "sys_access_changed");
  await sql`create table if not exists ${table} (
    "id" integer primary key check ("id" = 1),
    "version" bigint not null
  )`.execute(tx);
  await sql`insert into ${table} ("id", "version") values (1, 0) on conflict do nothing`.execute(
    tx,
  );
  await sql`create or replace function ${bump}() returns trigger language plpgsql as $$
    begin
      update ${table} set "version" = "version" + 1 where "id" = 1;
      return null;
    end $$`.execute(tx);
  for (const name of watched) {
    const watchedTable = sql.id(schema, name);
    await sql`drop trigger if exists sys_access_changed on ${watchedTable}`.execute(tx);
    await sql`create trigger sys_access_changed after insert or update or delete or truncate
      on ${watchedTable} for each statement execute function ${bump}()`.execute(tx);
  }
}
