import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import {
  exportHelpers,
  exportPath,
  parseCsv,
  readXlsx,
  sheetRows,
} from "../support/export-download.ts";

/**
 * The cells of an export as a spreadsheet user expects them: numbers,
 * money, dates and the company's wall-clock times typed in XLSX, the same
 * values as text in CSV, headers in the company's language (export.test.ts
 * has the rows, formulas, line breaks and rights).
 */

let engine: TestEngine;
let admin: TestClient;

const { download, exported, csvRows, xlsxRows, create } = exportHelpers(() => engine);

beforeAll(async () => {
  engine = await testEngine();
  ({ admin } = await testCompany(engine, "expcells"));
});

describe("cells as a spreadsheet user expects them", () => {
  let typed: { id: string; code: string };
  const city = "类型";
  const columns =
    "code,name,quality,category,creditLimit,employees,nextFollowUp,lastContactAt,tags,isKeyAccount,owner";
  const filter = { field: "city", op: "eq", value: city };

  beforeAll(async () => {
    typed = await create(admin, {
      name: "宁波海曙电子有限公司",
      city,
      region: "330203",
      quality: "A",
      category: "customer",
      creditLimit: "1234567.5",
      employees: 42,
      nextFollowUp: "2026-12-01",
      // 02:30 the next day in Shanghai: the sheet shows the company's wall time.
      lastContactAt: "2026-11-26T18:30:00.000Z",
      tags: ["vip", "overseas"],
      isKeyAccount: true,
    });
    await create(admin, { name: "Empty Co", city, isKeyAccount: false });
  });

  it("XLSX: numbers as numbers, dates as dates, enums and references as their labels", async () => {
    const sheet = await readXlsx(
      (await exported(admin, { filter, columns, format: "xlsx", sort: "-createdAt" })).bytes,
    );
    expect(sheet.name).toBe("客户");
    const rows = sheetRows(sheet);
    expect(rows[0]).toEqual([
      "客户编号",
      "客户名称",
      "客户质量",
      "客户类型",
      "信用额度",
      "员工人数",
      "下次跟进日期",
      "最近联系时间",
      "标签",
      "重点客户",
      "负责人",
    ]);
    // Newest first: "Empty Co" before the Chinese name (the order does not depend on the language).
    expect(rows[2]).toEqual([
      typed.code,
      "宁波海曙电子有限公司",
      "A 级（优质）",
      "正式客户",
      1234567.5,
      42,
      new Date("2026-12-01T00:00:00.000Z"),
      new Date("2026-11-27T02:30:00.000Z"),
      "VIP; 海外业务",
      "是",
      "admin",
    ]);
    const row = sheet.getRow(3);
    const cell = (c: number) => row.getCell(c);
    expect(cell(5).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(5).numFmt).toBe("#,##0.00");
    expect(cell(6).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(6).numFmt).toBe("0");
    expect(cell(7).type).toBe(ExcelJS.ValueType.Date);
    expect(cell(7).numFmt).toMatch(/^yyyy-mm-dd$/i);
    expect(cell(8).type).toBe(ExcelJS.ValueType.Date);
    expect(cell(8).numFmt).toMatch(/^yyyy-mm-dd hh:mm(:ss)?$/i);
    for (const c of [1, 2, 3, 4, 9, 10, 11])
      expect(cell(c).type, `column ${c}`).toBe(ExcelJS.ValueType.String);
    // Empty values are empty cells, and false is 否.
    expect(rows[1]!.slice(1)).toEqual([
      "Empty Co",
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      "否",
      "admin",
    ]);
  });

  it("CSV: the same values as text", async () => {
    const rows = await csvRows(admin, { filter, columns, sort: "-createdAt" });
    expect(rows[2]).toEqual([
      typed.code,
      "宁波海曙电子有限公司",
      "A 级（优质）",
      "正式客户",
      "1234567.50",
      "42",
      "2026-12-01",
      "2026-11-27 02:30:00",
      "VIP; 海外业务",
      "是",
      "admin",
    ]);
    expect(rows[1]).toEqual([
      expect.any(String),
      "Empty Co",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "否",
      "admin",
    ]);
  });

  it("lang=en: English headers, labels and Yes/No", async () => {
    const query = { filter, columns, sort: "-createdAt", lang: "en" };
    const csv = await csvRows(admin, query);
    const xlsx = await xlsxRows(admin, query);
    const headers = [
      "Customer no.",
      "Company name",
      "Quality grade",
      "Customer type",
      "Credit limit",
      "Employees",
      "Next follow-up",
      "Last contacted",
      "Tags",
      "Key account",
      "Owner",
    ];
    expect(csv[0]).toEqual(headers);
    expect(xlsx[0]).toEqual(headers);
    expect(csv[2]!.slice(2, 4)).toEqual(["A (excellent)", "Customer"]);
    expect(csv[2]!.slice(8, 10)).toEqual(["VIP; Overseas business", "Yes"]);
    expect(xlsx[2]!.slice(8, 10)).toEqual(["VIP; Overseas business", "Yes"]);
    expect(csv[1]![9]).toBe("No");
  });

  it("default columns are the list's, in the company language", async () => {
    const rows = await csvRows(admin, { filter, sort: "-createdAt" });
    expect(rows[0]).toEqual([
      "客户编号",
      "客户名称",
      "客户质量",
      "客户类型",
      "所在地区",
      "联系电话",
      "下次跟进日期",
      "负责人",
    ]);
    expect(rows[2]).toEqual([
      typed.code,
      "宁波海曙电子有限公司",
      "A 级（优质）",
      "正式客户",
      "浙江省 宁波市 海曙区",
      "",
      "2026-12-01",
      "admin",
    ]);
  });

  it("a reference is its target's title, in CSV and XLSX", async () => {
    await create(admin, { customer: typed.id, name: "王伟" }, "contact");
    const query = {
      columns: "name,customer",
      filter: { field: "customer", op: "eq", value: typed.id },
    };
    expect(await csvRows(admin, query, "contact")).toEqual([
      ["姓名", "所属客户"],
      ["王伟", "宁波海曙电子有限公司"],
    ]);
    expect((await xlsxRows(admin, query, "contact"))[1]).toEqual(["王伟", "宁波海曙电子有限公司"]);
  });

  it("names the file and says it is an attachment of the right type", async () => {
    const csv = await exported(admin, { filter, format: "csv" });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8$/i);
    expect(csv.headers.get("content-disposition")).toMatch(
      /^attachment; filename="customer-\d{8}\.csv"/,
    );
    const star = /filename\*=UTF-8''([^;]+)/.exec(csv.headers.get("content-disposition")!);
    expect(decodeURIComponent(star![1]!)).toMatch(/^客户-\d{8}\.csv$/);
    const xlsx = await exported(admin, { filter, format: "xlsx", lang: "en" });
    expect(xlsx.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(xlsx.headers.get("content-disposition")).toMatch(
      /^attachment; filename="customer-\d{8}\.xlsx"/,
    );
    // Without a format, CSV.
    const plain = await exported(admin, { filter });
    expect(plain.headers.get("content-type")).toMatch(/^text\/csv/);
  });

  it("datetimes in the company's own timezone, money at its decimals, headers in its language", async () => {
    const ny = await testCompany(engine, "exportny", {
      timezone: "America/New_York",
      language: "en",
      currency: "JPY",
      currencyDecimals: 0,
    });
    await create(ny.admin, {
      name: "Late call",
      lastContactAt: "2026-11-26T18:30:00.000Z",
      isKeyAccount: true,
      creditLimit: "1234567",
    });
    const columns = "name,lastContactAt,isKeyAccount,creditLimit";
    const res = await download(ny.admin, exportPath({ columns, format: "xlsx" }));
    expect(res.status).toBe(200);
    const sheet = await readXlsx(res.bytes);
    expect(sheet.name).toBe("Customers");
    expect(sheetRows(sheet)).toEqual([
      ["Company name", "Last contacted", "Key account", "Credit limit"],
      ["Late call", new Date("2026-11-26T13:30:00.000Z"), "Yes", 1234567],
    ]);
    expect(sheet.getRow(2).getCell(4).numFmt).toBe("#,##0");
    const csv = parseCsv((await download(ny.admin, exportPath({ columns }))).bytes);
    expect(csv[1]).toEqual(["Late call", "2026-11-26 13:30:00", "Yes", "1234567"]);
  });
});
