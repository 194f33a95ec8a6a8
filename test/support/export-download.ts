import ExcelJS from "exceljs";
import { expect } from "vitest";
import type { TestClient } from "./test-client.ts";
import type { TestEngine } from "./test-engine.ts";

/* Exports read back as a spreadsheet user would: XLSX through exceljs, CSV through a strict RFC 4180 reader. */

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** The raw bytes of a download: TestClient reads bodies as text, which would mangle an XLSX. */
export const exportPath = (query: Record<string, string | object>, entity = "customer") =>
  `/api/data/${entity}/export?${new URLSearchParams(
    Object.entries(query).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  )}`;

/**
 * RFC 4180 with CRLF records, as the export promises: quoted fields may hold
 * commas, doubled quotes and line breaks; anything else is a broken file.
 */
export function parseCsv(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)], "UTF-8 byte-order mark").toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.endsWith("\r\n"), "ends with CRLF").toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`bare quote in an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text[i])}`);
  }
  return rows;
}

export async function readXlsx(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

/** Every row of a sheet as the values a user sees in its cells (header row included). */
export function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: unknown[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      values.push(v === undefined ? null : v);
    }
    rows.push(values);
  });
  return rows;
}

/** A download that must have worked, as the browser would save it. */
/** Every id of the list the grid shows for the same query, page by page. */

/** Downloads and list reads against the engine a test opened (given late: it opens in beforeAll). */
export function exportHelpers(engineOf: () => TestEngine) {
  async function download(client: TestClient, path: string): Promise<Download> {
    const headers: Record<string, string> = { "x-forwarded-for": client.address };
    if (client.cookie) headers.cookie = client.cookie;
    const res = await engineOf().app.request(path, { headers });
    return {
      status: res.status,
      headers: res.headers,
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  }

  async function exported(
    client: TestClient,
    query: Record<string, string | object>,
    entity?: string,
  ) {
    const res = await download(client, exportPath(query, entity));
    expect(res.status, res.bytes.toString("utf8").slice(0, 500)).toBe(200);
    return res;
  }

  async function csvRows(
    client: TestClient,
    query: Record<string, string | object>,
    entity?: string,
  ) {
    return parseCsv((await exported(client, { ...query, format: "csv" }, entity)).bytes);
  }

  async function xlsxRows(
    client: TestClient,
    query: Record<string, string | object>,
    entity?: string,
  ) {
    return sheetRows(
      await readXlsx((await exported(client, { ...query, format: "xlsx" }, entity)).bytes),
    );
  }

  async function listIds(client: TestClient, query: Record<string, string | object>) {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 200) {
      const res = await client.get(
        `${exportPath({ ...query, limit: "200", offset: String(offset) }).replace("/export", "")}`,
      );
      expect(res.status, res.text).toBe(200);
      ids.push(...(res.body.items as { id: string }[]).map((r) => r.id));
      if (res.body.items.length < 200) return ids;
    }
  }

  async function create(client: TestClient, body: Record<string, unknown>, entity = "customer") {
    const res = await client.post(`/api/data/${entity}`, body);
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; code: string } & Record<string, unknown>;
  }

  return { download, exported, csvRows, xlsxRows, listIds, create };
}
