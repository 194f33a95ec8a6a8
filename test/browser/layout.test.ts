import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, logIn, newPage, screenshot } from "./support/browser.ts";

/** Where the screen's content starts, and how many lines its title takes. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const h1 = document.querySelector("main h1")!;
    const lineHeight = parseFloat(getComputedStyle(h1).lineHeight);
    return {
      contentLeft: document
        .querySelector("main.content > *:not(.preview-banner)")!
        .getBoundingClientRect().left,
      titleLines: Math.round(h1.getBoundingClientRect().height / lineHeight),
      pageWidth: document.documentElement.scrollWidth,
    };
  });

describe("layout at tablet and phone widths, and on paper", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(() => close());

  for (const [width, height] of [
    [1024, 768],
    [800, 1000],
    [390, 844],
  ] as const) {
    it(`at ${width} px the content takes the whole width and titles stay on one or two lines`, async () => {
      const { page, problems } = await newPage(browser, "zh-CN");
      await page.setViewportSize({ width, height });
      await logIn(page);
      await page.locator("table.records tbody tr a").first().waitFor();
      // No empty column where the folded menu was.
      let list = await layout(page);
      expect(list.contentLeft).toBeLessThanOrEqual(16);
      expect(list.titleLines).toBeLessThanOrEqual(2);
      // The grid scrolls sideways in its box; the page itself never does.
      expect(list.pageWidth).toBeLessThanOrEqual(width);
      await screenshot(page, `list-${width}`);

      // A detail page's title is the longest: entity and the record's name.
      await page.locator("table.records tbody tr a").first().click();
      await page.locator("main h1", { hasText: ":" }).waitFor();
      list = await layout(page);
      expect(list.contentLeft).toBeLessThanOrEqual(16);
      expect(list.titleLines).toBeLessThanOrEqual(2);
      expect(list.pageWidth).toBeLessThanOrEqual(width);
      await screenshot(page, `detail-${width}`);

      // The menu is one button away and covers the content only while open.
      const menu = page.getByRole("navigation", { name: "主菜单" });
      expect(await menu.isVisible()).toBe(false);
      await page.getByRole("button", { name: "菜单", exact: true }).click();
      expect(await menu.isVisible()).toBe(true);
      await menu.getByRole("link", { name: "联系人" }).click();
      await page.getByRole("heading", { name: "联系人", level: 1 }).waitFor();
      expect(await menu.isVisible()).toBe(false);
      expect(problems).toEqual([]);
    });
  }

  it("prints the list from the page's left edge, without the menu's column", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.locator("table.records tbody tr a").first().waitFor();
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => ({
      table: document.querySelector("table.records")!.getBoundingClientRect().left,
      menu: getComputedStyle(document.querySelector(".sidebar")!).display,
    }));
    expect(printed.menu).toBe("none");
    expect(printed.table).toBeLessThanOrEqual(4);
    await screenshot(page, "list-print");
    expect(problems).toEqual([]);
  });
});
