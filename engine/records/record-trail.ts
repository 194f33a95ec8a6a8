import type { Context } from "hono";
import { appendAudit, auditOrigin, type AuditEntry, type AuditOrigin } from "../audit/audit-log.ts";
import type { Db } from "../db/database.ts";
import type { AppEnv } from "../http/app-env.ts";

/** An audit entry about one record, written by the record service in its write's transaction. */
export type RecordEntry = Omit<AuditEntry, "actor"> & {
  action: "record_created" | "record_changed" | "record_deleted" | "record_reassigned";
  target: string;
};

/**
 * Who writes records through a RecordService and from where: the audit
 * trail's side of every create, change, reassignment and delete. Required
 * by the service, so that no path that writes records can leave it out.
 */
export class RecordTrail {
  constructor(
    readonly actor: { id: string; username: string },
    readonly origin: AuditOrigin,
  ) {}

  /** The session's user and the request's address. */
  static of(c: Context<AppEnv>, trustProxy: number): RecordTrail {
    const { id, username } = c.var.session.user;
    return new RecordTrail({ id, username }, auditOrigin(c, trustProxy));
  }

  /** The engine acting for a user outside any request (seeding the demo company). */
  static engine(actor: { id: string; username: string }): RecordTrail {
    return new RecordTrail(actor, { ip: null, userAgent: null });
  }

  write(tx: Db, schema: string, at: Date, entries: readonly RecordEntry[]): Promise<void> {
    return appendAudit(
      tx,
      schema,
      at,
      this.origin,
      entries.map((e) => ({ ...e, actor: this.actor })),
    );
  }
}
