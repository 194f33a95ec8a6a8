import type { DatabaseKind } from "../db/database.ts";
import type { ListPlan } from "../query/list-plan.ts";
import type { RecordJson } from "../records/record-json.ts";
import type { RecordService } from "../records/record-service.ts";

/** Rows fetched per round trip: large enough to amortise it, small enough to stream. */
export const exportChunk = 1000;

/**
 * Every record of a plan, in its order, a chunk at a time: the list statement
 * itself (so scope, filter, `q` and sort are those of the grid) without its
 * page limit. On PostgreSQL one cursor in a read-only snapshot reads it all;
 * the embedded database, where an open transaction would hold every other
 * request, reads page by page instead. `each` returns when the chunk has been
 * taken, so a slow reader slows the reading rather than filling memory.
 */
export async function readExport(
  database: DatabaseKind,
  records: RecordService,
  plan: ListPlan,
  maxRows: number,
  each: (records: RecordJson[]) => Promise<void>,
): Promise<void> {
  const all = { ...plan, limit: maxRows, offset: 0 };
  if (database === "postgres") return records.cursor(all, exportChunk, each);
  for (let offset = 0; offset < maxRows; offset += exportChunk) {
    const limit = Math.min(exportChunk, maxRows - offset);
    const items = await records.page({ ...plan, limit, offset });
    if (items.length > 0) await each(items);
    if (items.length < limit) return;
  }
}
