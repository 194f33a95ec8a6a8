/**
 * Bounds on exports, the one kind of request that lasts as long as its
 * client takes to read. Each export holds a cursor (on PostgreSQL, a
 * connection of the export pool in an open transaction) while it waits for
 * the client, so the number running, per user and in all, is bounded, and a
 * client that stops reading, or an export that runs too long, is cut off.
 */
export interface ExportLimits {
  /** Exports running at once in this process; on PostgreSQL also the export pool's size. */
  atOnce: number;
  /** Exports one user may run at once. */
  perUser: number;
  /** How long the client may take nothing before the export is cut off. */
  stallMs: number;
  /** How long one export may run in all. */
  maxMs: number;
}

export const defaultExportLimits: ExportLimits = {
  atOnce: 4,
  perUser: 2,
  stallMs: 60_000,
  maxMs: 30 * 60_000,
};

/**
 * How long PostgreSQL lets an export's transaction sit idle before it ends
 * the session itself: a backstop behind the stall limit, should the engine
 * fail to end it.
 */
export const exportIdleTimeoutMs = (limits: ExportLimits) => limits.stallMs + 30_000;
