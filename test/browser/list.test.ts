import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, logIn, newPage, screenshot, unnamedControls } from "./support/browser.ts";

const total = async (page: Page) =>
  Number((await page.locator(".pager .total").textContent())!.replace(/\D/g, ""));
const column = (page: Page, index: number) =>
  page.locator("table.records tbody tr").evaluateAll(
    // The selection column (batch work) is not a field's.
    (rows, i) =>
      rows.map(
        (r) =>
          (r.querySelectorAll(":scope > td:not(.select-col)")[i] as HTMLElement | undefined)
            ?.innerText ?? "",
      ),
    index,
  );
/** Header texts without the sort arrow (hidden from screen readers, shown on screen). */
const headers = async (page: Page) =>
  (await page.locator("table.records thead th:not(.select-col)").allInnerTexts()).map((h) =>
    h.replace(/[▲▼]/g, "").trim(),
  );

describe("customer list", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
    ({ page, problems } = await newPage(browser));
    await logIn(page);
    await page.locator("table.records tbody tr a").first().waitFor();
  });
  afterAll(() => close());

  it("shows the list's columns, the total and pages through it", async () => {
    expect(await headers(page)).toEqual([
      "Customer no.",
      "Company name",
      "Quality grade",
      "Customer type",
      "Region",
      "Phone",
      "Next follow-up",
      "Owner",
    ]);
    const all = await total(page);
    expect(all).toBeGreaterThan(50);
    expect(await page.locator("table.records tbody tr").count()).toBe(50);
    expect(await page.getByText(/Page 1 of \d+/).count()).toBe(1);
    await screenshot(page, "list");
    const firstPage = await column(page, 1);
    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByText(/Page 2 of/).waitFor();
    await expect.poll(() => column(page, 1)).not.toEqual(firstPage);
    await page.getByRole("button", { name: "Previous page" }).click();
    await expect.poll(() => column(page, 1)).toEqual(firstPage);
  });

  it("pages by cursor, shows an estimated total as one, and counts exactly on request", async () => {
    // The demo company is far below the 10,000 records past which the API
    // estimates, so its first-page answers are marked as estimates here.
    const asked: URL[] = [];
    await page.route("**/api/data/customer?*", async (route) => {
      const url = new URL(route.request().url());
      asked.push(url);
      if (url.searchParams.has("total")) return route.continue();
      const res = await route.fetch();
      const body = { ...(await res.json()), total: 125_000, totalKind: "estimate" };
      return route.fulfill({ response: res, json: body });
    });
    await page.reload();
    await page.locator("table.records tbody tr a").first().waitFor();
    const label = page.locator(".pager .total");
    await expect.poll(() => label.textContent()).toBe("about 125,000 records");
    expect(await page.getByText("Page 1 of about 2,500").count()).toBe(1);
    const firstPage = await column(page, 1);

    await page.getByRole("button", { name: "Next page" }).click();
    await page.getByText("Page 2 of about 2,500").waitFor();
    const second = asked.at(-1)!;
    expect(second.searchParams.get("after")).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(second.searchParams.get("total")).toBe("none");
    expect(second.searchParams.has("offset")).toBe(false);
    expect(await label.textContent()).toBe("about 125,000 records");
    await expect.poll(() => column(page, 1)).not.toEqual(firstPage);

    await page.getByRole("button", { name: "Count exactly" }).click();
    await expect.poll(() => label.textContent()).toMatch(/^[\d,]+ records$/);
    expect(asked.at(-1)!.searchParams.get("total")).toBe("exact");
    expect(asked.at(-1)!.searchParams.get("after")).toBe(second.searchParams.get("after"));
    expect(await page.getByRole("button", { name: "Count exactly" }).count()).toBe(0);
    expect(await page.getByText(/^Page 2 of \d+$/).count()).toBe(1);

    await page.getByRole("button", { name: "Previous page" }).click();
    await expect.poll(() => column(page, 1)).toEqual(firstPage);
    expect(asked.at(-1)!.searchParams.has("after")).toBe(false);
    expect(await page.getByRole("button", { name: "Previous page" }).isDisabled()).toBe(true);
    await page.unroute("**/api/data/customer?*");
  });

  it("says more than 1,000 where a quick search stopped counting, and counts exactly on request", async () => {
    // The demo's searches match far fewer: the answer is marked as a stopped count here.
    const asked: URL[] = [];
    await page.route("**/api/data/customer?*", async (route) => {
      const url = new URL(route.request().url());
      asked.push(url);
      if (url.searchParams.has("total") || !url.searchParams.has("q")) return route.continue();
      const res = await route.fetch();
      const body = { ...(await res.json()), total: 1_000, totalKind: "more" };
      return route.fulfill({ response: res, json: body });
    });
    const label = page.locator(".pager .total");
    const unsearched = await label.textContent();
    await page.getByRole("searchbox", { name: "Search" }).fill("a");
    await expect.poll(() => label.textContent()).toBe("more than 1,000 records");
    expect(await page.getByText("Page 1 of 20+").count()).toBe(1);
    await page.getByRole("button", { name: "Count exactly" }).click();
    await expect.poll(() => label.textContent()).toMatch(/^[\d,]+ records$/);
    expect(asked.at(-1)!.searchParams.get("total")).toBe("exact");
    expect(asked.at(-1)!.searchParams.get("q")).toBe("a");
    await page.unroute("**/api/data/customer?*");
    await page.getByRole("searchbox", { name: "Search" }).fill("");
    await expect.poll(() => label.textContent()).toBe(unsearched);
  });

  it("sorts by a header, and again the other way", async () => {
    await page.getByRole("button", { name: "Sort by Company name" }).click();
    await expect
      .poll(() => page.locator("th[aria-sort=ascending]").innerText())
      .toContain("Company name");
    // The embedded database sorts text by code point, as JavaScript's < does.
    const sorted = (names: string[]) => names.every((n, i) => i === 0 || names[i - 1]! <= n);
    await expect.poll(async () => sorted(await column(page, 1))).toBe(true);
    const names = await column(page, 1);
    await page.getByRole("button", { name: "Sort by Company name" }).click();
    await expect.poll(() => page.locator("th[aria-sort=descending]").count()).toBe(1);
    await expect.poll(async () => (await column(page, 1))[0]).not.toBe(names[0]);
  });

  it("filters with the builder and searches with q", async () => {
    const all = await total(page);
    await page.getByRole("button", { name: "Filters" }).click();
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Field").selectOption("quality");
    await page.getByLabel("Operator").selectOption("eq");
    expect(await unnamedControls(page)).toEqual([]);
    await page.locator(".filter-value select").selectOption("A");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => total(page)).toBeLessThan(all);
    const grades = await column(page, 2);
    expect(new Set(grades)).toEqual(new Set(["A (excellent)"]));
    const gradeA = await total(page);

    await page.getByLabel("Operator").selectOption("isNull");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => total(page)).not.toBe(gradeA);

    await page.getByRole("button", { name: "Clear" }).click();
    await expect.poll(() => total(page)).toBe(all);
    const someone = (await column(page, 1))[3]!;
    await page.getByRole("searchbox", { name: "Search" }).fill(someone);
    await expect.poll(() => total(page)).toBeLessThan(all);
    expect(await column(page, 1)).toContain(someone);
    await page.getByRole("searchbox", { name: "Search" }).fill("");
    await expect.poll(() => total(page)).toBe(all);
  });

  it("hides, shows and reorders columns, kept for the user after a reload", async () => {
    await page.getByRole("button", { name: "Columns" }).click();
    const chooser = page.getByRole("group", { name: "Columns" });
    expect(await unnamedControls(page)).toEqual([]);
    await chooser.getByRole("checkbox", { name: "Phone", exact: true }).uncheck();
    await chooser.getByRole("checkbox", { name: "E-mail", exact: true }).check();
    await chooser.getByRole("button", { name: "Move Region up" }).click();
    const expected = [
      "Customer no.",
      "Company name",
      "Quality grade",
      "Region",
      "Customer type",
      "Next follow-up",
      "Owner",
      "E-mail",
    ];
    await expect.poll(async () => await headers(page)).toEqual(expected);
    await page.waitForLoadState("networkidle");
    await page.reload();
    await page.locator("table.records tbody tr a").first().waitFor();
    await expect.poll(async () => await headers(page)).toEqual(expected);
    await page.getByRole("button", { name: "Columns" }).click();
    await page.getByRole("button", { name: "Default columns" }).click();
    await expect.poll(async () => (await headers(page)).length).toBe(8);
    expect(problems).toEqual([]);
  });
});
