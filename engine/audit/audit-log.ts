import type { Context } from "hono";
import type { Db } from "../db/database.ts";
import { clientAddress } from "../http/client-address.ts";
import { auditTable } from "./audit-table.ts";

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
  await db
    .insertInto(`${schema}.${auditTable}`)
    .values({
      at,
      actor_id: entry.actor?.id ?? null,
      actor: entry.actor?.username ?? null,
      action: entry.action,
      target: entry.target ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: clientAddress(c, trustProxy),
      user_agent: c.req.header("user-agent")?.slice(0, 500) ?? null,
    })
    .execute();
}
