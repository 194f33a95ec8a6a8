import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage, unnamedControls } from "./support/browser.ts";

describe("an admin switches a module off and on for the company", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => {
    // Whatever happened above, the other files meet the demo company whole.
    const call = await adminApi();
    await call("PATCH", "/api/admin/modules/sales", { on: true });
    await close();
  });

  it("takes the sales menu away and brings it back with its products", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);
    const menu = page.getByRole("navigation", { name: "Main menu" });
    await menu.getByRole("link", { name: "Products" }).waitFor();

    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Modules" })
      .click();
    await page.getByRole("heading", { name: "Modules", level: 1 }).waitFor();
    const core = page.getByRole("row", { name: /^Core Companies/ });
    await expect.poll(() => core.textContent()).toContain("Always on");
    expect(await core.getByRole("switch").count()).toBe(0);
    expect(await unnamedControls(page)).toEqual([]);

    const sales = page.getByRole("switch", { name: "Sales on" });
    expect(await sales.isChecked()).toBe(true);
    page.once("dialog", (dialog) => void dialog.accept());
    await sales.click();
    await page.getByRole("status").filter({ hasText: "Sales is off" }).waitFor();
    await expect.poll(() => sales.isChecked()).toBe(false);
    await expect.poll(() => menu.getByRole("link", { name: "Products" }).count()).toBe(0);
    expect(await menu.getByRole("link", { name: "Customers" }).count()).toBe(1);

    await sales.click();
    await page.getByRole("status").filter({ hasText: "Sales is on" }).waitFor();
    await menu.getByRole("link", { name: "Products" }).click();
    await page.getByRole("heading", { name: "Products", level: 1 }).waitFor();
    await expect.poll(() => page.locator("table.records tbody tr").count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
