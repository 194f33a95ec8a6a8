import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { apiAs } from "./support/api-as.ts";
import { launchBrowser, logIn, newPage } from "./support/browser.ts";

const seeker = { company: "demo", username: "search.seeker", password: "search-seeker-pass-1" };

const searchResults = async (page: Page, text: string) => {
  await page.keyboard.press("/");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("global-search");
  await page.keyboard.type(text);
  const box = page.getByRole("listbox", { name: "Search everything" });
  await box.getByRole("option").first().waitFor();
  return box;
};

describe("global search and the keyboard", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(() => close());

  it("finds across entities only what the user may see", async () => {
    const admin = await adminApi();
    const role = await admin("POST", "/api/admin/roles", {
      key: "search_seeker",
      name: "Search seeker",
      permissions: {
        modules: ["crm"],
        entities: { customer: { actions: ["read", "create"], scope: "own" } },
      },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const user = await admin("POST", "/api/admin/users", {
      username: seeker.username,
      password: seeker.password,
      displayName: "Seeker",
      roles: [role.body.id],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const asSeeker = await apiAs(seeker);
    expect((await asSeeker("POST", "/api/data/customer", { name: "Findme own" })).status).toBe(201);
    expect((await admin("POST", "/api/data/customer", { name: "Findme hidden" })).status).toBe(201);
    const contact = await admin("POST", "/api/data/contact", {
      name: "Findme contact",
      customer: (await admin("GET", "/api/data/customer?limit=1")).body.items[0].id,
    });

    const { page: adminPage } = await newPage(browser);
    await logIn(adminPage);
    const all = await searchResults(adminPage, "Findme");
    await expect
      .poll(() => all.getByRole("option").allInnerTexts())
      .toEqual(
        expect.arrayContaining([
          "Findme own",
          "Findme hidden",
          ...(contact.status === 201 ? ["Findme contact"] : []),
        ]),
      );
    expect(await all.getByRole("group").count()).toBe(contact.status === 201 ? 2 : 1);

    const { page, problems } = await newPage(browser);
    await logIn(page, seeker);
    const mine = await searchResults(page, "Findme");
    await expect.poll(() => mine.getByRole("option").allInnerTexts()).toEqual(["Findme own"]);
    expect(await mine.getByRole("group").allInnerTexts()).toEqual([
      expect.stringContaining("Customers"),
    ]);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Customer: Findme own" }).waitFor();
    expect(problems).toEqual([]);
  });

  it("creates a record and finds it again with the keyboard alone", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    expect(await help.innerText()).toContain("New record");
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "detached" });

    await page.keyboard.press("n");
    await page.getByRole("heading", { name: "New Customer" }).waitFor();
    // Nothing is clicked: the form opens on its first field, Tab moves on.
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).name))
      .toBe("name");
    await page.keyboard.type("Keyboard Only Ltd");
    await page.keyboard.press("Control+s");
    await page.getByRole("heading", { name: "Customer: Keyboard Only Ltd" }).waitFor();

    await page.keyboard.press("Escape");
    const box = await searchResults(page, "Keyboard Only");
    expect(await box.getByRole("option").first().innerText()).toBe("Keyboard Only Ltd");
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowDown");
    await box.waitFor();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Customer: Keyboard Only Ltd" }).waitFor();
    expect(problems).toEqual([]);
  });

  it("steps to the next and previous record in the list's order", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);
    const links = page.locator("table.records tbody tr a");
    await links.nth(2).waitFor();
    const [first, second] = await Promise.all([links.nth(0).innerText(), links.nth(1).innerText()]);
    // Into the grid's one tabbable cell, over to the title, Enter opens the record.
    await page.locator("table.records td[tabindex='0']").focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: `Customer: ${first}` }).waitFor();
    await page.keyboard.press("j");
    await page.getByRole("heading", { name: `Customer: ${second}` }).waitFor();
    await page.keyboard.press("Alt+ArrowUp");
    await page.getByRole("heading", { name: `Customer: ${first}` }).waitFor();
    // The same steps as buttons, for the mouse.
    expect(await page.getByRole("button", { name: "Previous record" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Next record" }).click();
    await page.getByRole("heading", { name: `Customer: ${second}` }).waitFor();
    expect(problems).toEqual([]);
  });

  it("folds the menu behind a button at tablet width and scrolls the grid sideways", async () => {
    const { page, problems } = await newPage(browser);
    // Logging in waits for the menu on screen: at laptop width, then the window narrows.
    await logIn(page);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.locator("table.records tbody tr a").first().waitFor();
    const menu = page.getByRole("navigation", { name: "Main menu" });
    expect(await menu.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Menu", exact: true }).click();
    await menu.getByRole("link", { name: "Contacts" }).click();
    await page.getByRole("heading", { name: "Contacts", level: 1 }).waitFor();
    expect(await menu.isVisible()).toBe(false);
    const wrap = await page
      .locator(".table-wrap")
      .evaluate((el) => ({ overflow: getComputedStyle(el).overflowX, width: el.clientWidth }));
    expect(wrap.overflow).toBe("auto");
    expect(wrap.width).toBeLessThanOrEqual(1024);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1024,
    );
    // Under 900 px a form's sections stack their fields in one column.
    await page.setViewportSize({ width: 880, height: 768 });
    await page.keyboard.press("n");
    await page.getByRole("heading", { name: "New Contact" }).waitFor();
    const tracks = await page
      .locator(".form-page .section .grid")
      .first()
      .evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(" ").length);
    expect(tracks).toBe(1);
    expect(problems).toEqual([]);
  });
});
