import { sql } from "kysely";
import type { Db } from "../db/database.ts";

export const departmentTable = "sys_department";

/**
 * Departments, and the employee columns of users (department, manager,
 * contact data). `if not exists` because companies older than the
 * organisation get them on their next context load, under the company's
 * advisory lock.
 */
export async function createOrgTables(tx: Db, schema: string): Promise<void> {
  const departments = sql.id(schema, departmentTable);
  const users = sql.id(schema, "sys_user");
  await sql`create table if not exists ${departments} (
    "id" uuid primary key,
    "name" text not null,
    "parent_id" uuid references ${departments} ("id"),
    "created_at" timestamptz not null
  )`.execute(tx);
  await sql`alter table ${users}
    add column if not exists "department_id" uuid references ${departments} ("id"),
    add column if not exists "manager_id" uuid references ${users} ("id"),
    add column if not exists "email" text,
    add column if not exists "phone" text,
    add column if not exists "title" text`.execute(tx);
}
