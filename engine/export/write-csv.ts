import { PassThrough } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type { RecordJson } from "../query/record-json.ts";
import type { Cell } from "../fields/spreadsheet-cell.ts";
import type { ExportColumn } from "./export-columns.ts";
import type { SheetWriter } from "./sheet-writer.ts";
import { waitForReader } from "./wait-for-reader.ts";

/**
 * CSV as rows arrive: UTF-8 with a byte-order mark (Excel then reads Chinese
 * correctly), CRLF between records, and any value holding a line break
 * quoted, so that a remark typed on two lines stays one cell. A reader that
 * takes nothing for `stallMs` is cut off.
 */
export function writeCsv(
  columns: ExportColumn[],
  cell: (column: ExportColumn, record: RecordJson) => Cell,
  stallMs: number,
): SheetWriter {
  const out = new PassThrough();
  const lines = (rows: string[][]) =>
    stringify(rows, { record_delimiter: "windows", quoted_match: /[\r\n]/ });
  out.write("\uFEFF" + lines([columns.map((c) => c.header)]));
  return {
    stream: out,
    async write(records) {
      const text = lines(
        records.map((record) =>
          columns.map((c) => {
            const v = cell(c, record);
            return v.kind === "empty" ? "" : v.text;
          }),
        ),
      );
      out.write(text);
      await waitForReader(out, stallMs);
    },
    end() {
      out.end();
      return Promise.resolve();
    },
    fail(err) {
      out.destroy(err);
    },
  };
}
