import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { RolePermissions } from "../../engine/org/role-permissions.ts";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * `GET /api/data/:entity/export?format=csv|xlsx`: the grid as the user sees
 * it, read back as a spreadsheet user would — XLSX through exceljs, CSV
 * through a strict RFC 4180 reader below. The rows must be those of the list
 * (same scope, filter, q and order), the cells typed, and nothing in a cell
 * may run as a formula.
 */

const password = "staff-password-1";

let engine: TestEngine;
let slug: string;
let admin: TestClient;

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** The raw bytes of a download: TestClient reads bodies as text, which would mangle an XLSX. */
async function download(client: TestClient, path: string): Promise<Download> {
  const headers: Record<string, string> = { "x-forwarded-for": client.address };
  if (client.cookie) headers.cookie = client.cookie;
  const res = await engine.app.request(path, { headers });
  return {
    status: res.status,
    headers: res.headers,
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

const exportPath = (query: Record<string, string | object>, entity = "customer") =>
  `/api/data/${entity}/export?${new URLSearchParams(
    Object.entries(query).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  )}`;

/**
 * RFC 4180 with CRLF records, as the export promises: quoted fields may hold
 * commas, doubled quotes and line breaks; anything else is a broken file.
 */
function parseCsv(bytes: Buffer): string[][] {
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

async function readXlsx(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

/** Every row of a sheet as the values a user sees in its cells (header row included). */
function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
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

/** Every id of the list the grid shows for the same query, page by page. */
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

const staffRole = (
  actions: string[],
  scope: "own" | "all",
  fields?: Record<string, "hidden" | "readOnly">,
): RolePermissions =>
  ({
    modules: ["crm"],
    entities: { customer: { actions, scope, ...(fields && { fields }) } },
  }) as RolePermissions;

async function staff(username: string, permissions: RolePermissions) {
  const id = await addStaffUser(engine, slug, username, password, { permissions });
  const client = new TestClient(engine.app);
  await client.login(slug, username, password);
  return { id, client };
}

beforeAll(async () => {
  engine = await testEngine();
  ({ slug, admin } = await testCompany(engine, "export"));
});

describe("the rows are those of the list, in its order", () => {
  const city = "批量";
  const qualities = ["A", "B", "C", "D"];

  beforeAll(async () => {
    // More than one export chunk (1,000 rows), with many ties in every sort key:
    // only the list's tie-breaker on id keeps pages from overlapping or skipping.
    for (let i = 0; i < 1050; i++) {
      await create(admin, {
        name: `Bulk ${i % 37}`,
        city,
        quality: qualities[i % 4],
        creditLimit: String((i * 7919) % 100),
      });
    }
  }, 300_000);

  const queries: [string, Record<string, string | object>][] = [
    ["the default sort", { filter: { field: "city", op: "eq", value: city } }],
    [
      "a filter and a two-key sort",
      {
        filter: { field: "quality", op: "in", value: ["A", "C"] },
        sort: "quality,-creditLimit",
      },
    ],
    ["q and a sort by name", { q: "Bulk 1", sort: "-name" }],
  ];

  it.each(queries.map(([name, query]) => ({ name, query })))(
    "CSV and XLSX with $name",
    async ({ query }) => {
      const expected = await listIds(admin, query);
      expect(expected.length).toBeGreaterThan(0);
      const csv = await csvRows(admin, { ...query, columns: "id" });
      expect(csv[0]).toEqual(["ID"]);
      expect(csv.slice(1).map((r) => r[0])).toEqual(expected);
      const xlsx = await xlsxRows(admin, { ...query, columns: "id" });
      expect(xlsx[0]).toEqual(["ID"]);
      expect(xlsx.slice(1).map((r) => r[0])).toEqual(expected);
    },
  );

  it("every matching row, across export chunks, each once", async () => {
    const query = { filter: { field: "city", op: "eq", value: city }, sort: "name" };
    const rows = await csvRows(admin, { ...query, columns: "id,name,quality" });
    expect(rows).toHaveLength(1051);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(1050);
    const names = rows.slice(1).map((r) => r[1]!);
    expect(names).toEqual([...names].sort());
  });

  it("an export matching nothing is the header row alone", async () => {
    const query = { filter: { field: "city", op: "eq", value: "nowhere" }, columns: "code,name" };
    expect(await csvRows(admin, query)).toEqual([["客户编号", "客户名称"]]);
    expect(await xlsxRows(admin, query)).toEqual([["客户编号", "客户名称"]]);
  });
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

describe("text that looks like a formula", () => {
  const city = "公式";
  const dangerous = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "@SUM(A1)",
    "-2",
    "=1+1",
    "\t=cmd",
    // What a user cannot see before a formula character, and the full-width forms.
    " =1+1",
    "  +cmd",
    "\n=1+1",
    "\n @SUM(A1)",
    "\u00a0=1+1",
    "\u200b=1+1",
    "\u200b\u00a0 -2",
    "\u3000=1+1",
    "＝1+1",
    "＋1",
    "－2",
    "＠SUM(A1)",
    ' ＝HYPERLINK("http://x")',
  ];
  const harmless = ["Normal (=) name", "1+1=2", "'quoted", " plain", "\u00a0name", "1＝1", "a\n=b"];
  const filter = { field: "city", op: "eq", value: city };

  beforeAll(async () => {
    for (const name of [...dangerous, ...harmless]) await create(admin, { name, city });
  });

  const expectedText = (name: string) => (dangerous.includes(name) ? `'${name}` : name);

  it("CSV: each is prefixed with an apostrophe, the rest untouched", async () => {
    const rows = await csvRows(admin, { filter, columns: "name", sort: "createdAt" });
    const names = rows.slice(1).map((r) => r[0]);
    expect(names.sort()).toEqual([...dangerous, ...harmless].map(expectedText).sort());
  });

  it("XLSX: each is a string cell starting with an apostrophe, never a formula", async () => {
    const res = await exported(admin, { filter, columns: "name", format: "xlsx" });
    const sheet = await readXlsx(res.bytes);
    const seen: string[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(1);
      expect(cell.type, String(cell.value)).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      seen.push(cell.value as string);
    });
    expect(seen.sort()).toEqual([...dangerous, ...harmless].map(expectedText).sort());
  });

  it("the list itself still shows the names as they were typed", async () => {
    const res = await admin.get(`${exportPath({ filter, limit: "50" }).replace("/export", "")}`);
    expect(res.body.items.map((r: { name: string }) => r.name).sort()).toEqual(
      [...dangerous, ...harmless].sort(),
    );
  });

  it("a reference title that looks like a formula is neutralised too", async () => {
    const target = await create(admin, { name: '=HYPERLINK("http://evil","click")', city: "引用" });
    await create(admin, { customer: target.id, name: "Linked" }, "contact");
    const query = {
      columns: "name,customer",
      filter: { field: "customer", op: "eq", value: target.id },
    };
    expect((await csvRows(admin, query, "contact"))[1]).toEqual([
      "Linked",
      `'=HYPERLINK("http://evil","click")`,
    ]);
    const sheet = await readXlsx(
      (await exported(admin, { ...query, format: "xlsx" }, "contact")).bytes,
    );
    const cell = sheet.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'=HYPERLINK("http://evil","click")`);
  });
});

describe("line breaks inside values", () => {
  const filter = { field: "city", op: "eq", value: "换行" };
  const records = [
    { name: "Multi-line remark", remark: "第一行\n第二行" },
    { name: "Windows remark", remark: "line 1\r\nline 2" },
    // Also formula-looking: a carriage return may start a formula in some readers.
    { name: "\r=cmd", remark: null },
  ];

  beforeAll(async () => {
    for (const r of records) await create(admin, { ...r, city: "换行" });
  });

  it("XLSX: one row per record, the text kept in its cell", async () => {
    const rows = await xlsxRows(admin, { filter, columns: "name,remark", sort: "createdAt" });
    // XML turns CR and CRLF into LF when the file is read (Excel's reader too); the text is
    // otherwise kept, and the line breaks stay inside their cells.
    const lf = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : v);
    expect(rows.slice(1).map((r) => r.map(lf))).toEqual([
      ["Multi-line remark", "第一行\n第二行"],
      ["Windows remark", "line 1\nline 2"],
      ["'\n=cmd", null],
    ]);
  });

  it("CSV: a value with a line break is quoted and stays in one row", async () => {
    const rows = await csvRows(admin, { filter, columns: "name,remark", sort: "createdAt" });
    expect(rows).toEqual([
      ["客户名称", "备注"],
      ["Multi-line remark", "第一行\n第二行"],
      ["Windows remark", "line 1\r\nline 2"],
      ["'\r=cmd", ""],
    ]);
  });
});

describe("who may export what", () => {
  it("a user scoped to own records exports only those (and what is shared with them)", async () => {
    const { id, client } = await staff(
      "own_exporter",
      staffRole(["read", "create", "export"], "own"),
    );
    const mine = [];
    for (const name of ["Mine 1", "Mine 2", "Mine 3"])
      mine.push((await create(client, { name })).id);
    const shared = await create(admin, { name: "Shared with them" });
    const res = await admin.post(`/api/data/customer/${shared.id}/shares`, {
      user: id,
      access: "read",
    });
    expect(res.status, res.text).toBe(201);
    await create(admin, { name: "Not theirs" });
    const expected = await listIds(client, {});
    expect(expected.sort()).toEqual([...mine, shared.id].sort());
    const csv = await csvRows(client, { columns: "id" });
    expect(
      csv
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([...expected].sort());
    const xlsx = await xlsxRows(client, { columns: "id,owner" });
    expect(
      xlsx
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([...expected].sort());
    // A filter cannot reach past the scope.
    const named = await csvRows(client, { q: "Not theirs", columns: "id" });
    expect(named).toHaveLength(1);
  });

  it("a role-hidden field is not a default column and cannot be asked for", async () => {
    const { client } = await staff(
      "no_phone",
      staffRole(["read", "export"], "all", { phone: "hidden" }),
    );
    const rows = await csvRows(client, { filter: { field: "city", op: "eq", value: "类型" } });
    expect(rows[0]).toEqual([
      "客户编号",
      "客户名称",
      "客户质量",
      "客户类型",
      "所在地区",
      "下次跟进日期",
      "负责人",
    ]);
    for (const format of ["csv", "xlsx"]) {
      const res = await download(client, exportPath({ columns: "name,phone", format }));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.bytes.toString()).error.details.field).toBe("phone");
    }
    // Nor filtered or sorted on.
    const filtered = await download(
      client,
      exportPath({ filter: { field: "phone", op: "isNull", value: true } }),
    );
    expect(filtered.status).toBe(400);
  });

  it("403 without the export right, even with every other one", async () => {
    const { client } = await staff(
      "no_export",
      staffRole(["read", "create", "update", "delete", "batch"], "all"),
    );
    for (const format of ["csv", "xlsx"]) {
      const res = await download(client, exportPath({ format }));
      expect(res.status).toBe(403);
      expect(JSON.parse(res.bytes.toString()).error.code).toBe("forbidden");
      expect(res.headers.get("content-disposition")).toBeNull();
    }
  });

  it("401 without a session", async () => {
    const res = await download(new TestClient(engine.app), exportPath({ format: "csv" }));
    expect(res.status).toBe(401);
  });
});

describe("bad requests", () => {
  const cases: [string, Record<string, string | object>][] = [
    ["an unknown format", { format: "pdf" }],
    ["an unknown column", { columns: "name,nosuch" }],
    ["a column named twice", { columns: "name,name" }],
    ["an unknown language", { lang: "fr" }],
    ["a bad filter", { filter: { field: "nosuch", op: "eq", value: 1 } }],
    ["a bad sort", { sort: "nosuch" }],
  ];
  it.each(cases.map(([name, query]) => ({ name, query })))("$name → 400", async ({ query }) => {
    const res = await download(admin, exportPath(query));
    expect(res.status, res.bytes.toString()).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toBeNull();
  });

  it("an unknown column is named", async () => {
    const res = await download(admin, exportPath({ columns: "name,nosuch", format: "xlsx" }));
    expect(JSON.parse(res.bytes.toString()).error.details.field).toBe("nosuch");
  });

  it("an entity that does not exist is 404", async () => {
    const res = await download(admin, "/api/data/nosuch/export?format=csv");
    expect(res.status).toBe(404);
  });
});
