import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

/** Where the suite writes the screenshots README.md shows. */
export const screenshots = path.resolve(import.meta.dirname, "../../../docs/screenshots");

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

/** A page of its own (own cookies) at 1280×800; console errors and CSP violations fail the test. */
export async function newPage(
  browser: Browser,
  locale = "en",
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    baseURL: baseUrl(),
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

/** Logs in through the login screen and waits for the shell. */
export async function logIn(page: Page, user = demo) {
  await page.goto("/login");
  await page.getByLabel("Company").fill(user.company);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main menu" }).waitFor();
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
