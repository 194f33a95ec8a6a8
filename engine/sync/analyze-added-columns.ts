import type { Db } from "../db/database.ts";
import { tableAnalyzer } from "../db/table-analyzer.ts";
import type { SyncReport } from "./sync-company-schema.ts";

/**
 * Asks for statistics of the columns a sync added (`SyncReport.added`,
 * `entity.field`), one request per table. Called once the sync's
 * transaction committed: the ANALYZE runs in the background, after it.
 */
export function analyzeAddedColumns(db: Db, schema: string, report: SyncReport): void {
  const byTable = new Map<string, string[]>();
  for (const name of report.added) {
    const [table = "", column = ""] = name.split(".");
    byTable.set(table, [...(byTable.get(table) ?? []), column]);
  }
  for (const [table, columns] of byTable) tableAnalyzer(db).request({ schema, table, columns });
}
