import type { ListPlan } from "../query/list-plan.ts";
import type { RecordJson } from "../records/record-json.ts";
import type { RecordService } from "../records/record-service.ts";

/** Rows fetched per statement: large enough to amortise the round trip, small enough to stream. */
export const exportChunk = 1000;

/**
 * Every record of a plan, in its order, a chunk at a time: the list statement
 * itself (so scope, filter, `q` and sort are those of the grid) with a larger
 * page, so that only one chunk is ever in memory. Each chunk is its own
 * statement and holds no transaction open while the client reads.
 */
export async function* exportRows(
  records: RecordService,
  plan: ListPlan,
  maxRows: number,
): AsyncGenerator<RecordJson> {
  for (let offset = 0; offset < maxRows; offset += exportChunk) {
    const limit = Math.min(exportChunk, maxRows - offset);
    const items = await records.page({ ...plan, limit, offset });
    yield* items;
    if (items.length < limit) return;
  }
}
