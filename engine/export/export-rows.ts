import type { Actor } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Database } from "../db/database.ts";
import { runListCursor } from "../query/compile-list.ts";
import { cursorValues } from "../query/list-cursor.ts";
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
 * itself (so scope, filter, `q` and sort are those of the grid). On
 * PostgreSQL one cursor in a read-only snapshot reads it all, on a connection
 * of the export pool; the embedded database, where an open transaction would
 * hold every other request, reads page after page by keyset (each page
 * starts after the last row of the one before), so a deep page costs what
 * the first does. `each` returns when the chunk has been taken, so a slow
 * reader slows the reading rather than filling memory.
 */
export async function readExport(
  source: ExportSource,
  plan: ListPlan,
  maxRows: number,
  each: (records: RecordJson[]) => Promise<void>,
): Promise<void> {
  const { database, records, company, actor } = source;
  const def = records.definition;
  const all: ListPlan = { ...plan, limit: exportChunk, offset: 0, after: null, total: "none" };
  if (database.kind === "postgres") {
    return runListCursor(
      database.exportDb,
      company,
      def,
      all,
      actor,
      exportChunk,
      maxRows,
      (rows) => each(rows.map((row) => toRecordJson(def, row))),
    );
  }
  let page = all;
  for (let read = 0; read < maxRows;) {
    const { items, next } = await records.list(page);
    const taken = items.slice(0, maxRows - read);
    if (taken.length > 0) await each(taken);
    read += taken.length;
    if (next === null) return;
    page = { ...all, after: cursorValues(plan.sort, items.at(-1)!) };
  }
}
