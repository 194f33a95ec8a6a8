import type { Db } from "../db/database.ts";

/** A change of one record as the trail keeps it, written by the record service in its write's transaction. */
export interface RecordEntry {
  action: "record_created" | "record_changed" | "record_deleted" | "record_reassigned";
  target: string;
  detail?: Record<string, unknown>;
}

/**
 * Where every create, change, reassignment and delete of a RecordService
 * is written, in the write's transaction: the audit trail, which adds who
 * and from where (audit/audit-record-trail.ts). Required by the service, so
 * that no path that writes records can leave it out.
 */
export interface RecordTrail {
  write(tx: Db, schema: string, at: Date, entries: readonly RecordEntry[]): Promise<void>;
}
