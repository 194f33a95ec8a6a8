import { stringify } from "csv-stringify/sync";
import type { RecordJson } from "../records/record-json.ts";
import type { Cell } from "./export-cell.ts";
import type { ExportColumn } from "./export-columns.ts";

/**
 * CSV text, a line at a time as the reader pulls: UTF-8 with a byte-order
 * mark (Excel then reads Chinese correctly), CRLF, every cell as text.
 */
export async function* writeCsv(
  columns: ExportColumn[],
  rows: AsyncIterable<RecordJson>,
  cell: (column: ExportColumn, record: RecordJson) => Cell,
): AsyncGenerator<Buffer> {
  const line = (cells: string[]) => stringify([cells], { record_delimiter: "windows" });
  yield Buffer.from("\uFEFF" + line(columns.map((c) => c.header)));
  let batch = "";
  let count = 0;
  for await (const record of rows) {
    batch += line(
      columns.map((c) => {
        const v = cell(c, record);
        return v.kind === "empty" ? "" : v.text;
      }),
    );
    // Lines go out in batches: one stream chunk per row costs more than the row.
    if (++count % 200 === 0) {
      yield Buffer.from(batch);
      batch = "";
    }
  }
  if (batch) yield Buffer.from(batch);
}
