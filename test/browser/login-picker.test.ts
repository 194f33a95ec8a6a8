import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage } from "./support/browser.ts";
import { startEngine } from "./support/start-engine.ts";

describe("an installation that lists its companies (LIST_COMPANIES=true)", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let engine: Awaited<ReturnType<typeof startEngine>>;
  beforeAll(async () => {
    engine = await startEngine({ LIST_COMPANIES: "true" });
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => {
    await close();
    await engine.stop();
  });

  it("offers a picker of the companies on the login screen", async () => {
    const { page, problems } = await newPage(browser);
    await page.goto(`${engine.url}/login`);
    const company = page.getByLabel("Company");
    await expect.poll(() => company.evaluate((el) => el.tagName)).toBe("SELECT");
    expect(await company.locator("option").allTextContents()).toEqual([
      "演示公司 Demo Trading Co.",
    ]);
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password", { exact: true }).fill("demo-admin-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
    expect(problems).toEqual([]);
  });
});
