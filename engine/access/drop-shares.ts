import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { systemTables } from "../db/system-tables.ts";
import type { RecordsDeleted } from "../records/record-deps.ts";
import { shareTable } from "./share-table.ts";

/** Shares of every record a delete took, cascades included, go in its transaction. */
export const dropShares: RecordsDeleted = async (
  tx: Db,
  company: CompanyContext,
  gone: ReadonlySet<string>,
) => {
  for (const target of gone) {
    const [entity, recordId] = target.split("/") as [string, string];
    await systemTables(tx, company.schema)
      .deleteFrom(shareTable)
      .where("entity", "=", entity)
      .where("record_id", "=", recordId)
      .execute();
  }
};
