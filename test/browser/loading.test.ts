import type { Browser, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, logIn, newPage } from "./support/browser.ts";

describe("a list while its answer is on the way", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(() => close());

  it("says it is loading, not that there are no records, until the answer arrives", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.locator("table.records tbody tr a").first().waitFor();

    // The products' list answer is held back until the test lets it go.
    const held: Route[] = [];
    await page.route(/\/api\/data\/product\?/, (route) => void held.push(route));
    await page
      .getByRole("navigation", { name: "Main menu" })
      .getByRole("link", { name: "Products" })
      .click();
    await page.getByRole("heading", { name: "Products", level: 1 }).waitFor();
    await expect.poll(() => held.length).toBeGreaterThan(0);

    const table = page.locator(".list-page .table-wrap");
    expect(await table.getAttribute("aria-busy")).toBe("true");
    expect(await page.getByRole("status").filter({ hasText: "Loading…" }).count()).toBe(1);
    expect(await page.locator(".pager .total").innerText()).toBe("Loading…");
    expect(await page.getByText("No records.").count()).toBe(0);
    expect(await page.getByText("0 records").count()).toBe(0);

    for (const route of held) await route.continue();
    await page.unroute(/\/api\/data\/product\?/);
    await page.locator("table.records tbody tr a").first().waitFor();
    expect(await table.getAttribute("aria-busy")).toBe("false");
    expect(await page.locator(".pager .total").innerText()).toMatch(/^\d+ records$/);
    expect(await page.getByText("Loading…").count()).toBe(0);

    // "No records." is what an answer with none says.
    await page.getByRole("searchbox", { name: "Search" }).fill("no-such-product-anywhere");
    await page.getByText("No records.").waitFor();
    await expect.poll(() => page.locator(".pager .total").innerText()).toBe("0 records");
    expect(problems).toEqual([]);
  });
});
