import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage, unnamedControls } from "./support/browser.ts";

/** A 1×1 PNG: the logo the screen uploads and shows. */
const pixel = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

describe("an admin keeps the company's settings on one screen", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let head: number;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
    const call = await adminApi();
    head = (await call("GET", "/api/admin/metadata")).body.head;
  });
  afterAll(async () => {
    // The other files meet the demo company as it was.
    const call = await adminApi();
    await call("POST", "/api/admin/metadata/rollback", { version: head });
    await close();
  });

  it("changes the details, uploads a logo and sets a currency symbol", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Settings" })
      .click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();

    const details = page.getByRole("form", { name: "Company information" });
    await details.getByLabel("Company name").fill("浏览器示例有限公司");
    await details.getByLabel("Tax number").fill("税号!");
    await details.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => details.getByLabel("Tax number").getAttribute("aria-invalid"))
      .toBe("true");
    await details.getByLabel("Tax number").fill("91330106MA2B00001X");
    await details.getByLabel("Address").fill("杭州市西湖区文三路 1 号");
    await details.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "The settings were saved." }).waitFor();

    await page.getByLabel("Upload a logo…").setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: pixel,
    });
    const logo = page.getByRole("img", { name: "Logo" });
    await logo.waitFor();
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

    const currency = page.getByRole("form", { name: "Currency" });
    expect(await currency.getByLabel("Currency", { exact: true }).inputValue()).toBe("CNY");
    expect(await currency.getByLabel("Decimals").textContent()).toBe("2");
    await currency.getByLabel("Currency symbol").fill("RMB");
    await currency.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => (await (await adminApi())("GET", "/api/admin/company")).body)
      .toMatchObject({
        name: "浏览器示例有限公司",
        taxNumber: "91330106MA2B00001X",
        address: "杭州市西湖区文三路 1 号",
        currencySymbol: "RMB",
        logo: expect.stringMatching(/^\/api\/company\/logo\/[0-9a-f]{64}$/),
      });

    expect(
      await page.getByRole("switch", { name: "Lists edit values in the grid" }).isChecked(),
    ).toBe(true);
    expect(await page.getByRole("switch", { name: "Sales on" }).isChecked()).toBe(true);
    expect(await unnamedControls(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
