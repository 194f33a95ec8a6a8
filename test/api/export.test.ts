import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { RolePermissions } from "../../engine/org/role-permissions.ts";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { exportHelpers, exportPath, readXlsx } from "../support/export-download.ts";

/**
 * `GET /api/data/:entity/export?format=csv|xlsx`: the grid as the user sees
 * it, read back as a spreadsheet user would — XLSX through exceljs, CSV
 * through a strict RFC 4180 reader (support/export-download.ts). The rows must be those of the list
 * (same scope, filter, q and order), the cells typed, and nothing in a cell
 * may run as a formula.
 */

const password = "staff-password-1";

let engine: TestEngine;
let slug: string;
let admin: TestClient;

const { download, exported, csvRows, xlsxRows, listIds, create } = exportHelpers(() => engine);

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
