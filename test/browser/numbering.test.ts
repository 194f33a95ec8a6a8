import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage, unnamedControls } from "./support/browser.ts";

describe("an admin designs the customer numbers", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let head: number;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
    const call = await adminApi();
    head = (await call("GET", "/api/admin/metadata")).body.head;
  });
  afterAll(async () => {
    // The other files meet the demo company's own numbering.
    const call = await adminApi();
    await call("POST", "/api/admin/metadata/rollback", { version: head });
    await close();
  });

  it("changes the prefix, adds a prefix per customer type, previews and saves", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Numbering" })
      .click();
    await page.getByRole("heading", { name: "Numbering", level: 1 }).waitFor();
    const form = page.getByRole("form", { name: "Customer · Customer no." });
    const preview = form.getByRole("list", { name: "Next number" });
    await expect.poll(() => preview.textContent()).toMatch(/^KH\d{6}-\d{4}$/);
    expect(await form.getByLabel("Count restarts").textContent()).toBe("Every month");

    await form.getByLabel("Prefix", { exact: true }).fill("C");
    await expect.poll(() => preview.textContent()).toMatch(/^C\d{6}-0001$/);
    expect(await form.getByLabel("Pattern").inputValue()).toBe("C{YYYY}{MM}-{seq:4}");
    await form.getByLabel("Date").selectOption("{YYYY}");
    await form.getByLabel("Sequence digits").fill("3");
    expect(await form.getByLabel("Count restarts").textContent()).toBe("Every year");

    await form.getByLabel("A prefix per value of a field").check();
    await form.getByLabel("Field", { exact: true }).selectOption("category");
    await form.getByLabel("Prefix for Partner").fill("P");
    await expect
      .poll(() => preview.locator("li").allTextContents())
      .toEqual([
        expect.stringMatching(/^Without a prefix: C\d{4}-001$/),
        expect.stringMatching(/^Partner: CP\d{4}-001$/),
      ]);
    expect(await unnamedControls(page)).toEqual([]);

    await form.getByLabel("Pattern").fill("C{prefix}{YYYY}-{seq");
    await form.getByRole("alert").filter({ hasText: "never closed" }).waitFor();
    await form.getByLabel("Pattern").fill("C{prefix}{YYYY}-{seq:3}");
    await expect.poll(() => preview.locator("li").count()).toBe(2);

    await form.getByRole("button", { name: "Save" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "The numbering of Customer was saved." })
      .waitFor();
    const call = await adminApi();
    const saved = (await call("GET", "/api/admin/entities/customer/numbering")).body;
    expect(saved).toMatchObject({
      pattern: "C{prefix}{YYYY}-{seq:3}",
      automatic: true,
      prefixes: { field: "category", values: { partner: "P" } },
    });
    const created = await call("POST", "/api/data/customer", {
      name: "编号界面测试伙伴",
      category: "partner",
    });
    expect(created.body.code).toMatch(/^CP\d{4}-001$/);
    expect(problems).toEqual([]);
  });
});
