import { PassThrough } from "node:stream";
import type { CellValue } from "exceljs";
import type { RecordJson } from "../query/record-json.ts";
import type { Cell } from "../fields/spreadsheet-cell.ts";
import type { ExportColumn } from "./export-columns.ts";
import type { SheetWriter } from "./sheet-writer.ts";
import { waitForReader } from "./wait-for-reader.ts";

/**
 * An XLSX workbook written as the rows arrive (exceljs's streaming writer):
 * numbers and dates as real numbers and dates with their formats, text as
 * text cells (never a formula), each row committed once written. A reader
 * that takes nothing for `stallMs` is cut off. exceljs is loaded on the first
 * XLSX export: it is the engine's largest package and most starts never need it.
 */
export async function writeXlsx(
  sheetName: string,
  columns: ExportColumn[],
  cell: (column: ExportColumn, record: RecordJson) => Cell,
  stallMs: number,
): Promise<SheetWriter> {
  const { default: ExcelJS } = await import("exceljs");
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
  return {
    stream: out,
    async write(records) {
      for (const record of records) {
        const cells = columns.map((c) => cell(c, record));
        const row = sheet.addRow(cells.map(value));
        cells.forEach((v, i) => {
          if (v.kind === "number" || v.kind === "date") row.getCell(i + 1).numFmt = v.format;
        });
        row.commit();
      }
      // The zip compresses between events: let it take the rows before adding more.
      await new Promise((resolve) => setImmediate(resolve));
      await waitForReader(out, stallMs);
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
    fail(err) {
      out.destroy(err);
    },
  };
}

function value(cell: Cell): CellValue {
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
