import { sql } from "kysely";
import type { Db } from "../db/database.ts";

export const auditTable = "sys_audit";
/** A record's history is read by target, newest first; trails older than it get it on their next load. */
export const auditTargetIndex = `${auditTable}_target_idx`;

/**
 * The company's audit trail: append-only, enforced by the database itself,
 * so that neither the API nor a stray SQL statement can rewrite history.
 * Created with `if not exists`: companies older than the trail get it on
 * their next context load, under the company's advisory lock.
 */
export async function createAuditTable(tx: Db, schema: string): Promise<void> {
  const table = sql.id(schema, auditTable);
  const guard = sql.id(schema, "sys_audit_append_only");
  await sql`create table if not exists ${table} (
    "id" bigint generated always as identity primary key,
    "at" timestamptz not null,
    "actor_id" uuid,
    "actor" text,
    "action" text not null,
    "target" text,
    "detail" jsonb not null,
    "ip" text,
    "user_agent" text
  )`.execute(tx);
  await sql`create index if not exists ${sql.id(auditTargetIndex)}
    on ${table} ("target", "at" desc, "id" desc)`.execute(tx);
  await sql`create or replace function ${guard}() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit trail is append-only: % is not allowed', tg_op;
    end $$`.execute(tx);
  await sql`drop trigger if exists sys_audit_no_change on ${table}`.execute(tx);
  await sql`create trigger sys_audit_no_change before update or delete on ${table}
    for each row execute function ${guard}()`.execute(tx);
  await sql`drop trigger if exists sys_audit_no_truncate on ${table}`.execute(tx);
  await sql`create trigger sys_audit_no_truncate before truncate on ${table}
    for each statement execute function ${guard}()`.execute(tx);
}
