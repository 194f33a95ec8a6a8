import { listLimits } from "../query/list-limits.ts";
import { pagingNumber } from "../query/plan-list.ts";
import { id } from "../records/record-route-params.ts";
import type { RecordRoutesExtension } from "../records/record-routes.ts";
import { readHistory } from "./record-history.ts";

declare module "../modules/engine-module.ts" {
  interface ModuleDeps {
    /** Where the trail's share entries find department names: the org module's table. */
    readonly departmentTable: string;
  }
}

/**
 * `GET /api/data/:entity/:id/history`: a record's history from the audit
 * trail (404 unless the reader sees the record), as the reader may see it.
 */
export const historyRoutes: RecordRoutesExtension = (routes, service, deps) => {
  routes.get(`/:entity/:id${id}/history`, "session", async (c) => {
    const { limit, offset } = c.req.query();
    const page = {
      limit: pagingNumber(limit, "limit", listLimits.defaultLimit, listLimits.limit, 1),
      offset: pagingNumber(offset, "offset", 0, listLimits.offset, 0),
    };
    const records = service(c);
    const record = c.req.param("id")!;
    await records.requireVisible(deps.database.db, record);
    const { company, actor } = c.var;
    return c.json(
      await readHistory(
        deps.database.db,
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
