import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { departmentTable } from "../org/org-tables.ts";
import type { Defaulted, Timestamp } from "../db/system-tables.ts";

export const shareTable = "sys_share";

/**
 * Records shared beyond their owner's scope, with one user or one
 * department (optionally with every department below it), to read or to edit. Records of every entity share the table;
 * a record's shares go when it does (record-service.ts), a user's or
 * department's when they do.
 */
export async function createShareTable(tx: Db, schema: string): Promise<void> {
  const shares = sql.id(schema, shareTable);
  await sql`create table if not exists ${shares} (
    "id" uuid primary key,
    "entity" text not null,
    "record_id" uuid not null,
    "user_id" uuid references ${sql.id(schema, "sys_user")} ("id") on delete cascade,
    "department_id" uuid references ${sql.id(schema, departmentTable)} ("id") on delete cascade,
    "access" text not null check ("access" in ('read', 'edit')),
    "created_by" uuid not null,
    "created_at" timestamptz not null,
    check (("user_id" is null) <> ("department_id" is null))
  )`.execute(tx);
  await sql`create unique index if not exists ${sql.id(`${shareTable}_target_key`)} on ${shares}
    ("entity", "record_id", coalesce("user_id", "department_id"))`.execute(tx);
  await sql`create index if not exists ${sql.id(`${shareTable}_user_idx`)} on ${shares} ("entity", "user_id")`.execute(
    tx,
  );
  await sql`create index if not exists ${sql.id(`${shareTable}_department_idx`)} on ${shares} ("entity", "department_id")`.execute(
    tx,
  );
}

/**
 * `sub_departments`: the share reaches the department's sub-departments too
 * (their members at the time of each request). Added to tables made before
 * it existed on the company's next context load.
 */
export async function addShareSubDepartments(tx: Db, schema: string): Promise<void> {
  const shares = sql.id(schema, shareTable);
  await sql`alter table ${shares}
    add column if not exists "sub_departments" boolean not null default false`.execute(tx);
  await sql`alter table ${shares} drop constraint if exists ${sql.id(`${shareTable}_sub_departments_check`)}`.execute(
    tx,
  );
  await sql`alter table ${shares} add constraint ${sql.id(`${shareTable}_sub_departments_check`)}
    check (not "sub_departments" or "department_id" is not null)`.execute(tx);
  await sql`create index if not exists ${sql.id(`${shareTable}_sub_departments_idx`)} on ${shares}
    ("department_id", "entity") where "sub_departments"`.execute(tx);
}

declare module "../db/system-tables.ts" {
  interface SystemTables {
    [shareTable]: ShareTable;
  }
}

/** A record shared with a user or a department (record-shares.ts). */
export interface ShareTable {
  id: string;
  entity: string;
  record_id: string;
  user_id: string | null;
  department_id: string | null;
  access: "read" | "edit";
  sub_departments: Defaulted<boolean>;
  created_by: string;
  created_at: Timestamp;
}
