import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";

/**
 * Where the suite leaves its screenshots to look at (ignored by git): they show
 * the suite's own test records, so README's pictures come from
 * `npm run screenshots` instead (docs/screenshots/take-screenshots.ts).
 */
export const screenshots = path.resolve(import.meta.dirname, "../../../.tmp/screenshots");

/** Saves a screenshot of the page as `.tmp/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), ...options });
}

export const demo = { company: "demo", username: "admin", password: "demo-admin-2026" };
export const baseUrl = () => inject("baseUrl");

/**
 * Debian's Chromium, headless, with nothing phoning home. Playwright itself
 * starts it with a fresh temporary --user-data-dir (and refuses one passed in
 * `args`), removed when the browser closes.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * A page of its own (own cookies) at 1280×800, its clock in the demo
 * company's zone (a user in China) unless `timezoneId` says otherwise, on
 * the suite's engine unless `baseURL` names another (a file's own);
 * console errors and CSP violations fail the test.
 */
export async function newPage(
  browser: Browser,
  locale = "en",
  {
    timezoneId = "Asia/Shanghai",
    baseURL = baseUrl(),
  }: { timezoneId?: string; baseURL?: string } = {},
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    baseURL,
    timezoneId,
  });
  // The first visit's language; a switch made on screen then sticks, as for a person.
  await context.addInitScript((l) => {
    if (!localStorage.getItem("metacrm.locale")) localStorage.setItem("metacrm.locale", l);
  }, locale);
  // Fail in seconds, not the default half minute: every step here takes milliseconds.
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !/status of 4\d\d/.test(msg.text()))
      problems.push(`console: ${msg.text()}`);
  });
  return { page, context, problems };
}

/**
 * Logs in through the login screen and waits for the shell, in whatever
 * language the page has (hence the controls' ids) and at any width (the menu
 * may be folded away).
 */
export async function logIn(page: Page, user = demo) {
  await page.goto("/login");
  await page.locator("#login-company").fill(user.company);
  await page.locator("#login-username").fill(user.username);
  await page.locator("#login-password").fill(user.password);
  await page.locator("#login-password").press("Enter");
  await page.locator("main.content").waitFor();
}

/**
 * Types into the list's quick search and waits for its own answer: one row
 * holding the text. A row count alone also matches the "Loading…" row, and
 * rows selected before the debounced search lands are cleared by it.
 */
export async function searchList(page: Page, text: string) {
  await page.getByLabel("Search", { exact: true }).fill(text);
  const rows = page.locator("table.records tbody tr");
  await expect
    .poll(async () =>
      (await page.locator(".table-wrap[aria-busy=true]").count()) === 0 &&
      (await rows.count()) === 1
        ? rows.first().innerText()
        : "",
    )
    .toContain(text);
}

/**
 * Controls on screen without an accessible name: no <label>, aria-label,
 * aria-labelledby or (for buttons and links) text. Expected to be none.
 */
export const unnamedControls = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button, a[href], [role=combobox]")]
      .filter((el) => {
        const control = el as HTMLInputElement;
        if (control.type === "hidden" || control.closest("[hidden]")) return false;
        const labelledBy = el.getAttribute("aria-labelledby");
        const named =
          (control.labels?.length ?? 0) > 0 ||
          !!el.getAttribute("aria-label")?.trim() ||
          (!!labelledBy &&
            labelledBy
              .split(" ")
              .every((id) => document.getElementById(id)?.textContent?.trim())) ||
          ((el.tagName === "BUTTON" || el.tagName === "A") && !!el.textContent?.trim());
        return !named;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
