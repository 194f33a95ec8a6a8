import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage, screenshot } from "./support/browser.ts";

/** Rows of the list wholly inside the window, as a user counts them without scrolling. */
const rowsOnScreen = (page: Page) =>
  page.locator("table.records tbody tr").evaluateAll(
    (rows) =>
      rows.filter((r) => {
        const box = r.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight;
      }).length,
  );

describe("density and the detail page's layout", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => {
    // The admin's density is theirs to keep: other files expect the default.
    await (
      await adminApi()
    )("DELETE", "/api/prefs/ui.density");
    await close();
  });

  it("shows about 30 rows at 1280×800 in the compact density, kept for the user", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.locator("table.records tbody tr a").first().waitFor();
    const comfortable = await rowsOnScreen(page);
    await page.getByRole("button", { name: /User menu/ }).click();
    const toggle = page.getByRole("menuitemcheckbox", { name: "Compact layout" });
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    await toggle.click();
    await expect.poll(() => rowsOnScreen(page)).toBeGreaterThanOrEqual(28);
    expect(comfortable).toBeLessThan(22);
    await screenshot(page, "list-compact");

    // The choice is the user's, on the server: a reload (or another browser) keeps it.
    await page.waitForLoadState("networkidle");
    const pref = await (await adminApi())("GET", "/api/prefs/ui.density");
    expect(pref.body.value).toBe("compact");
    await page.reload();
    await page.locator("table.records tbody tr a").first().waitFor();
    await expect.poll(() => rowsOnScreen(page)).toBeGreaterThanOrEqual(28);
    await page.getByRole("button", { name: /User menu/ }).click();
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    await page.keyboard.press("Escape");
    expect(problems).toEqual([]);
  });

  it("lays a record's sections out two abreast, each with its title and columns", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.locator("table.records tbody tr a").first().click();
    const sections = page.locator(".detail-sections > .section");
    await sections.first().waitFor();
    expect(await sections.locator("h2").allTextContents()).toEqual([
      "Basic information",
      "Contact details",
      "Address",
      "Finance",
      "Other",
      "Record information",
    ]);
    const boxes = await sections.evaluateAll((all) =>
      all.map((s) => {
        const box = s.getBoundingClientRect();
        return { left: Math.round(box.left), top: Math.round(box.top) };
      }),
    );
    // Basic information and Contact details side by side, Address below the first.
    expect(boxes[1]!.top).toBe(boxes[0]!.top);
    expect(boxes[1]!.left).toBeGreaterThan(boxes[0]!.left + 300);
    expect(boxes[2]!.left).toBe(boxes[0]!.left);
    // The form's own two field columns inside a section.
    const tracks = await sections
      .first()
      .locator(".grid")
      .evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(" ").length);
    expect(tracks).toBe(2);
    // Every field of the record (sections and record information) ends within 1,100 px.
    const end = await sections.evaluateAll((all) =>
      Math.max(...all.map((s) => s.getBoundingClientRect().bottom + scrollY)),
    );
    expect(end).toBeLessThan(1_100);
    await screenshot(page, "detail-two-columns", { fullPage: true });
    expect(problems).toEqual([]);
  });
});
