import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage } from "./support/browser.ts";

describe("screens promise only what works", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(() => close());

  it("offers no import or print right, and keeps those a stored role has", async () => {
    const api = await adminApi();
    const created = await api("POST", "/api/admin/roles", {
      key: "browser_stored_import",
      name: "Stored importer",
      permissions: {
        modules: ["crm"],
        entities: { customer: { actions: ["read", "import", "print"], scope: "own" } },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.goto("/admin/roles");
    await page.getByRole("button", { name: "Edit Stored importer" }).click();
    const form = page.getByRole("form", { name: "Edit role Stored importer" });
    const headers = await form.locator("table.matrix thead th").allTextContents();
    expect(headers).toContain("Export");
    expect(headers).not.toContain("Import");
    expect(headers).not.toContain("Print");
    expect(await form.getByLabel("Customers: Import").count()).toBe(0);
    expect(await form.getByLabel("Customers: Print").count()).toBe(0);
    await form.getByLabel("Customers: Export", { exact: true }).check();
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText("Role Stored importer was saved").waitFor();
    const roles = await api("GET", "/api/admin/roles");
    const stored = roles.body.items.find((r: { key: string }) => r.key === "browser_stored_import");
    // In the order the engine's modules declare them: the core's, then export's.
    expect(stored.permissions.entities.customer.actions).toEqual([
      "read",
      "import",
      "print",
      "export",
    ]);
    expect(problems).toEqual([]);
  });

  it("says a reminder time is only recorded, and names the access question plainly", async () => {
    const { page, problems } = await newPage(browser, "zh-CN");
    await logIn(page);
    await page.goto("/e/activity/new");
    const help = page.locator("#f-remindAt-help");
    expect(await help.textContent()).toContain("暂不发送提醒");
    expect(await help.textContent()).not.toContain("日程中提醒");

    await page.goto("/e/customer");
    await page.locator("table.records tbody tr a").first().click();
    await page.getByRole("button", { name: "谁能看到这条记录？" }).waitFor();
    await page.getByRole("combobox", { name: "语言" }).first().selectOption("en");
    await page.getByRole("button", { name: "Who can see this record?" }).waitFor();
    expect(problems).toEqual([]);
  });
});
