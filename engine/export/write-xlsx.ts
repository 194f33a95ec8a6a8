import { PassThrough } from "node:stream";
import { once } from "node:events";
import ExcelJS from "exceljs";
import type { RecordJson } from "../records/record-json.ts";
import type { Cell } from "./export-cell.ts";
import type { ExportColumn } from "./export-columns.ts";

/**
 * An XLSX workbook written while the rows arrive: numbers and dates as real
 * numbers and dates with their formats, text as inline text (never a
 * formula). Rows are committed as they are written, and the writer waits
 * whenever the reader falls behind, so memory holds a chunk, not the sheet.
 */
export function writeXlsx(
  sheetName: string,
  columns: ExportColumn[],
  rows: AsyncIterable<RecordJson>,
  cell: (column: ExportColumn, record: RecordJson) => Cell,
): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || "Sheet1", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.name, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const record of rows) {
        const cells = columns.map((c) => cell(c, record));
        const row = sheet.addRow(cells.map(value));
        cells.forEach((v, i) => {
          if (v.kind === "number" || v.kind === "date") row.getCell(i + 1).numFmt = v.format;
        });
        row.commit();
        if (out.writableNeedDrain) await once(out, "drain");
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

function value(cell: Cell): ExcelJS.CellValue {
  switch (cell.kind) {
    case "empty":
      return null;
    case "text":
      return cell.text;
    case "number":
    case "date":
      return cell.value;
  }
}
