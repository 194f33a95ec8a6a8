import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { apiAs } from "./support/api-as.ts";
import { launchBrowser, logIn, newPage } from "./support/browser.ts";

const clerk = { company: "demo", username: "batch.clerk", password: "batch-clerk-pass-1" };

/** RFC 4180 text as rows of cells (quotes doubled inside quoted cells), BOM dropped. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = "";
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      rows.at(-1)!.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      rows.at(-1)!.push(cell);
      cell = "";
      rows.push([]);
    } else cell += ch;
  }
  if (cell || rows.at(-1)!.length) rows.at(-1)!.push(cell);
  else rows.pop();
  return rows;
}

const tableColumn = (page: Page, header: string) =>
  page.evaluate((name) => {
    const heads = [...document.querySelectorAll("table.records thead th:not(.select-col)")];
    const i = heads.findIndex(
      (h) => (h as HTMLElement).innerText.replace(/[▲▼]/g, "").trim() === name,
    );
    return [...document.querySelectorAll("table.records tbody tr")].map(
      (r) => (r.querySelectorAll(":scope > td:not(.select-col)")[i] as HTMLElement).innerText,
    );
  }, header);

async function resultOf(page: Page) {
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  const title = await dialog.getByRole("heading").innerText();
  const refusals = await dialog.locator("li.refused").allInnerTexts();
  await dialog.getByRole("button", { name: "Close" }).click();
  await dialog.waitFor({ state: "detached" });
  return { title, refusals };
}

describe("batch work, export and print from the list", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(() => close());

  it("shares, assigns and deletes the selected rows, refusing per record what the role may not change", async () => {
    const admin = await adminApi();
    const role = await admin("POST", "/api/admin/roles", {
      key: "batch_clerk",
      name: "Batch clerk",
      permissions: {
        modules: ["crm"],
        entities: {
          customer: {
            actions: ["read", "create", "update", "delete", "batch", "batchDelete"],
            scope: "own",
          },
        },
      },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const user = await admin("POST", "/api/admin/users", {
      username: clerk.username,
      password: clerk.password,
      displayName: "Batch clerk",
      roles: [role.body.id],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const asClerk = await apiAs(clerk);
    const ownIds: string[] = [];
    for (const name of ["Batchy own 1", "Batchy own 2", "Batchy own 3"]) {
      const made = await asClerk("POST", "/api/data/customer", { name });
      expect(made.status).toBe(201);
      ownIds.push(made.body.id);
    }
    // Two of the admin's records, shared read-only with the clerk: seen, never changed.
    for (const name of ["Batchy shared 1", "Batchy shared 2"]) {
      const made = await admin("POST", "/api/data/customer", { name });
      const shared = await admin("POST", `/api/data/customer/${made.body.id}/shares`, {
        user: user.body.id,
        access: "read",
      });
      expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    }
    const me = (await admin("GET", "/api/auth/me")).body.user;

    const { page, problems } = await newPage(browser);
    await logIn(page, clerk);
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
    const rows = page.locator("table.records tbody tr");
    await expect.poll(() => rows.count()).toBe(5);
    // No export right, no export menu.
    expect(await page.getByRole("button", { name: "Export" }).count()).toBe(0);

    await page.getByLabel("Select all rows of this page").check();
    await page.getByText("5 selected").waitFor();
    await page.getByRole("button", { name: "Share…" }).click();
    // The directory names each colleague with their department.
    await page.getByLabel("Find a person…").fill(me.username);
    const admins = page.getByLabel("Share with").locator("option", {
      hasText: me.displayName || me.username,
    });
    await admins.first().waitFor({ state: "attached" });
    await page.getByLabel("Share with").selectOption(await admins.first().getAttribute("value"));
    await page.getByRole("button", { name: "Apply" }).click();
    let result = await resultOf(page);
    expect(result.title).toBe("3 done, 2 refused");
    expect(result.refusals).toHaveLength(2);
    for (const r of result.refusals) expect(r).toMatch(/^Batchy shared \d Refused: \S/);

    // With a whole department, for editing.
    const department = await admin("POST", "/api/admin/departments", { name: "Batch readers" });
    expect(department.status, JSON.stringify(department.body)).toBe(201);
    await page.getByLabel("Select all rows of this page").check();
    await page.getByRole("button", { name: "Share…" }).click();
    await page.getByLabel("Share with").selectOption({ label: "Batch readers" });
    await page.getByLabel("Access").selectOption({ label: "Edit" });
    await page.getByRole("button", { name: "Apply" }).click();
    result = await resultOf(page);
    expect(result.title).toBe("3 done, 2 refused");
    const shares = await admin("GET", `/api/data/customer/${ownIds[0]}/shares`);
    expect(JSON.stringify(shares.body)).toContain(department.body.id);

    await page.getByLabel("Select all rows of this page").check();
    await page.getByRole("button", { name: "Assign…" }).click();
    await page.getByLabel("New owner").selectOption({ label: "Batch clerk" });
    await page.getByRole("button", { name: "Apply" }).click();
    result = await resultOf(page);
    expect(result.title).toBe("3 done, 2 refused");

    await page.getByLabel("Select all rows of this page").check();
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Delete selected" }).click();
    result = await resultOf(page);
    expect(result.title).toBe("3 done, 2 refused");
    // The list is read again: only the records the clerk could not delete are left.
    await expect.poll(() => rows.count()).toBe(2);
    expect(await tableColumn(page, "Company name")).toEqual(
      expect.arrayContaining(["Batchy shared 1", "Batchy shared 2"]),
    );
    expect(problems).toEqual([]);
  });

  it("exports the filtered view to CSV and XLSX, formula-looking text made harmless, and prints the page", async () => {
    const admin = await adminApi();
    for (const name of ["Exporty one", "Exporty two", "=SUM(1,2) Exporty", "+cmd Exporty"])
      expect(
        (await admin("POST", "/api/data/customer", { name, address: "Exportville" })).status,
      ).toBe(201);
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
    await page.getByLabel("Search", { exact: true }).fill("Exporty");
    const rows = page.locator("table.records tbody tr");
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByRole("button", { name: "Sort by Company name" }).click();
    await expect
      .poll(() => tableColumn(page, "Company name"))
      .toEqual(["+cmd Exporty", "=SUM(1,2) Exporty", "Exporty one", "Exporty two"]);
    const names = await tableColumn(page, "Company name");
    const codes = await tableColumn(page, "Customer no.");
    const harmless = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

    const download = async (label: string) => {
      await page.getByRole("button", { name: "Export" }).click();
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: label }).click(),
      ]);
      return (await file.path())!;
    };

    const csv = parseCsv(await readFile(await download("Export CSV"), "utf8"));
    const head = csv[0]!;
    expect(head).toContain("Company name");
    expect(csv.slice(1).map((r) => r[head.indexOf("Company name")])).toEqual(names.map(harmless));
    expect(csv.slice(1).map((r) => r[head.indexOf("Customer no.")])).toEqual(codes);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download("Export XLSX"));
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const nameCol = header.indexOf("Company name") + 1;
    const values: string[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(nameCol);
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      values.push(String(cell.value));
    });
    expect(values).toEqual(names.map(harmless));

    // Print: the browser's dialog, with a stylesheet that leaves only the table.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute("data-printed", "yes");
    });
    await page.getByRole("button", { name: "Print" }).click();
    expect(await page.locator("body").getAttribute("data-printed")).toBe("yes");
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Main menu" }).isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
    expect(await page.locator("table.records").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(problems).toEqual([]);
  });
});
