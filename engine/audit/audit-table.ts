import { sql } from "kysely";
import type { Database, Db } from "../db/database.ts";
import {
  actAsEngine,
  actAsOwner,
  createOwnedSchema,
  type SchemaOwner,
} from "../db/schema-owner.ts";
import type { Generated } from "kysely";
import type { Json, Timestamp } from "../db/system-tables.ts";

export const auditTable = "sys_audit";
/** A record's history is read by target, newest first; trails older than it get it on their next load. */
export const auditTargetIndex = `${auditTable}_target_idx`;
const guardFunction = "sys_audit_append_only";

/**
 * The company's audit trail: append-only, enforced by the database itself,
 * so that neither the API nor a stray SQL statement can rewrite history.
 * Created with `if not exists`: companies older than the trail get it on
 * their next context load, under the company's advisory lock.
 */
export async function createAuditTable(tx: Db, schema: string): Promise<void> {
  const table = sql.id(schema, auditTable);
  const guard = sql.id(schema, guardFunction);
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

/**
 * Gives a company's schema and audit trail to the owner role (in the
 * owner's transaction, after whatever it created as the engine): the engine
 * keeps USAGE and CREATE on the schema and SELECT and INSERT on the trail,
 * nothing else, so only the owner could rewrite or drop it. Idempotent.
 */
export async function protectAuditTrail(tx: Db, schema: string, owner: SchemaOwner) {
  await actAsOwner(tx);
  await createOwnedSchema(tx, owner, schema);
  const table = sql.id(schema, auditTable);
  const to = sql.id(owner.role);
  const engine = sql.id(owner.engineRole);
  await sql`alter table ${table} owner to ${to}`.execute(tx);
  await sql`alter function ${sql.id(schema, guardFunction)}() owner to ${to}`.execute(tx);
  await sql`revoke all on table ${table} from ${engine}`.execute(tx);
  await sql`grant select, insert on table ${table} to ${engine}`.execute(tx);
}

/**
 * At start-up with an owner role: protects the trail of every company whose
 * trail the engine's role still owns (created before the owner was
 * configured), each under its company's lock.
 */
export async function protectAuditTrails(database: Database): Promise<void> {
  const owner = database.owner;
  if (!owner) return;
  const { rows } = await sql<{ schema: string; missing: boolean; owned: boolean }>`
    select c.schema_name as schema, t.oid is null as missing,
      pg_catalog.pg_get_userbyid(t.relowner) = ${owner.role} as owned
    from platform.company c
    join pg_catalog.pg_namespace n on n.nspname = c.schema_name
    left join pg_catalog.pg_class t on t.relnamespace = n.oid and t.relname = ${auditTable}
    left join pg_catalog.pg_class i on i.relnamespace = n.oid and i.relname = ${auditTargetIndex}
    where pg_catalog.pg_get_userbyid(n.nspowner) <> ${owner.role}
      or t.oid is null or pg_catalog.pg_get_userbyid(t.relowner) <> ${owner.role}
      or i.oid is null
    order by c.schema_name`.execute(owner.db);
  for (const { schema, missing, owned } of rows) {
    await owner.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${schema}))`.execute(tx);
      // The trail's creation is idempotent: run as whoever owns it now.
      if (missing || !owned) await actAsEngine(tx, owner);
      await createAuditTable(tx, schema);
      await protectAuditTrail(tx, schema, owner);
    });
  }
}

declare module "../db/system-tables.ts" {
  interface SystemTables {
    [auditTable]: AuditTable;
  }
}

/** One entry of the append-only trail (audit-log.ts). */
export interface AuditTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor: string | null;
  action: string;
  target: string | null;
  detail: Json<Record<string, unknown>>;
  ip: string | null;
  user_agent: string | null;
}
