import type { Context } from "hono";
import type { Db } from "../db/database.ts";
import { clientAddress } from "../http/client-address.ts";
import { auditTable } from "./audit-table.ts";
import { systemTables } from "../db/system-tables.ts";

export type AuditAction =
  | "login"
  | "login_failed"
  | "logout"
  | "password_changed"
  | "metadata_changed"
  | "department_created"
  | "department_changed"
  | "department_deleted"
  | "user_created"
  | "user_changed"
  | "user_password_reset"
  | "role_created"
  | "role_changed"
  | "role_deleted"
  | "record_created"
  | "record_changed"
  | "record_deleted"
  | "record_reassigned"
  | "record_shared"
  | "record_unshared"
  | "viewed_as";

export interface AuditEntry {
  action: AuditAction;
  actor?: { id: string; username: string } | undefined;
  /** What the action concerned, e.g. the username of a failed login or an entity key. */
  target?: string | undefined;
  detail?: Record<string, unknown>;
}

/** Where a request came from, as the trail keeps it; the engine's own writes (seeding) have neither. */
export interface AuditOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** The client address and user agent of a request. */
export function auditOrigin(c: Context, trustProxy: number): AuditOrigin {
  return {
    ip: clientAddress(c, trustProxy),
    userAgent: c.req.header("user-agent")?.slice(0, 500) ?? null,
  };
}

/**
 * Appends one entry to a company's audit trail: who, when, what, and from
 * where. Pass the transaction's handle when the audited change runs in one,
 * so that the entry and the change commit together.
 */
export async function audit(
  db: Db,
  schema: string,
  c: Context,
  at: Date,
  trustProxy: number,
  entry: AuditEntry,
): Promise<void> {
  await appendAudit(db, schema, at, auditOrigin(c, trustProxy), [entry]);
}

/**
 * Appends entries of one moment and origin, a few hundred per statement (a
 * record and the records a reassignment took along).
 */
export async function appendAudit(
  db: Db,
  schema: string,
  at: Date,
  origin: AuditOrigin,
  entries: readonly AuditEntry[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += auditChunk) {
    await systemTables(db, schema)
      .insertInto(auditTable)
      .values(
        entries.slice(i, i + auditChunk).map((entry) => ({
          at,
          actor_id: entry.actor?.id ?? null,
          actor: entry.actor?.username ?? null,
          action: entry.action,
          target: entry.target ?? null,
          detail: JSON.stringify(entry.detail ?? {}),
          ip: origin.ip,
          user_agent: origin.userAgent,
        })),
      )
      .execute();
  }
}

/** Rows per insert: well under PostgreSQL's 65,535 bound parameters. */
const auditChunk = 500;
