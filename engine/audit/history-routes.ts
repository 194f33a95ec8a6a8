import type { Db } from "../db/database.ts";
import { listLimits } from "../query/list-limits.ts";
import { pagingNumber } from "../query/plan-list.ts";
import { id } from "../records/record-route-params.ts";
import type { RecordRoutesExtension } from "../records/record-routes.ts";
import { readHistory } from "./record-history.ts";

/**
 * `GET /api/data/:entity/:id/history`: a record's history from the audit
 * trail (404 unless the reader sees the record), as the reader may see it.
 * Shares name departments, whose table the org module owns.
 */
export const historyRoutes =
  (deps: { db: Db; departmentTable: string }): RecordRoutesExtension =>
  (routes, service) => {
    routes.get(`/:entity/:id${id}/history`, "session", async (c) => {
      const { limit, offset } = c.req.query();
      const page = {
        limit: pagingNumber(limit, "limit", listLimits.defaultLimit, listLimits.limit, 1),
        offset: pagingNumber(offset, "offset", 0, listLimits.offset, 0),
      };
      const records = service(c);
      const record = c.req.param("id")!;
      await records.requireVisible(deps.db, record);
      const { company, actor } = c.var;
      return c.json(
        await readHistory(
          deps.db,
          company,
          records.definition,
          actor,
          record,
          page,
          deps.departmentTable,
        ),
      );
    });
  };
