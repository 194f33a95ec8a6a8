import type { Context } from "hono";
import type { Db } from "../db/database.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { RecordEntry, RecordTrail } from "../records/record-trail.ts";
import { appendAudit, auditOrigin, type AuditOrigin } from "./audit-log.ts";

/** Who writes records through a RecordService and from where: the audit trail's side of every record write. */
export class AuditRecordTrail implements RecordTrail {
  constructor(
    readonly actor: { id: string; username: string },
    readonly origin: AuditOrigin,
  ) {}

  /** The session's user and the request's address. */
  static of(c: Context<AppEnv>, trustProxy: number): AuditRecordTrail {
    const { id, username } = c.var.session.user;
    return new AuditRecordTrail({ id, username }, auditOrigin(c, trustProxy));
  }

  /** The engine acting for a user outside any request (seeding the demo company). */
  static engine(actor: { id: string; username: string }): AuditRecordTrail {
    return new AuditRecordTrail(actor, { ip: null, userAgent: null });
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
