/**
 * `npm run screenshots`: README's pictures, taken from a clean demo company.
 * Starts a fresh engine as `npm start` does (its own empty data folder, the
 * demo company seeded), so no test's records ever show, drives Chromium
 * through a few screens and writes docs/screenshots/*.png.
 */
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import { startEngine } from "../../test/browser/support/start-engine.ts";

const out = import.meta.dirname;
const demo = { company: "demo", username: "admin", password: "demo-admin-2026" };

async function logIn(page: Page) {
  await page.goto("/login");
  await page.locator("#login-company").fill(demo.company);
  await page.locator("#login-username").fill(demo.username);
  await page.locator("#login-password").fill(demo.password);
  await page.locator("#login-password").press("Enter");
  await page.locator("table.records tbody tr a").first().waitFor();
}

const engine = await startEngine();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  const shot = async (
    name: string,
    viewport: { width: number; height: number },
    steps: (page: Page) => Promise<void>,
  ) => {
    const context = await browser.newContext({
      viewport,
      baseURL: engine.url,
      timezoneId: "Asia/Shanghai",
    });
    await context.addInitScript(() => localStorage.setItem("metacrm.locale", "en"));
    const page = await context.newPage();
    await logIn(page);
    await steps(page);
    await page.screenshot({ path: path.join(out, `${name}.png`) });
    await context.close();
    console.log(`docs/screenshots/${name}.png`);
  };
  const desktop = { width: 1280, height: 800 };

  await shot("list", desktop, async () => {});
  await shot("form", desktop, async (page) => {
    await page.getByRole("button", { name: "New" }).click();
    await page.getByLabel("E-mail").fill("not-an-address");
    await page.getByLabel("Credit limit").fill("1200");
    await page.getByLabel("Quality grade").selectOption("B");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator(".field .error").first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
  });
  await shot("detail", desktop, async (page) => {
    await page.locator("table.records tbody tr a").first().click();
    await page.locator(".related").first().waitFor();
  });
  await shot("list-phone", { width: 390, height: 844 }, async () => {});
  await shot("designer", { width: 1280, height: 1000 }, async (page) => {
    await page.goto("/admin/entities?entity=customer");
    await page.getByRole("button", { name: "Edit Quality grade" }).click();
    await page.getByRole("region", { name: "Where used" }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
  });
} finally {
  await browser.close();
  await engine.stop();
}
