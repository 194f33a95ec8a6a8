import type { Actor } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Database } from "../db/database.ts";
import { runListCursor } from "../query/compile-list.ts";
import type { ListPlan } from "../query/list-plan.ts";
import { toRecordJson, type RecordJson } from "../query/record-json.ts";
import type { RecordService } from "../records/record-service.ts";

/** Rows fetched per round trip: large enough to amortise it, small enough to stream. */
export const exportChunk = 1000;

export interface ExportSource {
  database: Database;
  records: RecordService;
  company: CompanyContext;
  actor: Actor;
}

/**
 * Every record of a plan, in its order, a chunk at a time: the list statement
 * itself (so scope, filter, `q` and sort are those of the grid) without its
 * page limit. On PostgreSQL one cursor in a read-only snapshot reads it all,
 * on a connection of the export pool; the embedded database, where an open
 * transaction would hold every other request, reads page by page instead.
 * `each` returns when the chunk has been taken, so a slow reader slows the
 * reading rather than filling memory.
 */
export async function readExport(
  source: ExportSource,
  plan: ListPlan,
  maxRows: number,
  each: (records: RecordJson[]) => Promise<void>,
): Promise<void> {
  const { database, records, company, actor } = source;
  const def = records.definition;
  const all = { ...plan, limit: maxRows, offset: 0 };
  if (database.kind === "postgres") {
    return runListCursor(database.exportDb, company, def, all, actor, exportChunk, (rows) =>
      each(rows.map((row) => toRecordJson(def, row))),
    );
  }
  for (let offset = 0; offset < maxRows; offset += exportChunk) {
    const limit = Math.min(exportChunk, maxRows - offset);
    const items = await records.page({ ...plan, limit, offset });
    if (items.length > 0) await each(items);
    if (items.length < limit) return;
  }
}
