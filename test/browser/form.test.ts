import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage, screenshot, unnamedControls } from "./support/browser.ts";

/** The error text shown inside a field's own box, found through the control's label. */
const fieldError = (page: Page, label: string) =>
  page.locator(".field", { has: page.getByLabel(label, { exact: true }) }).locator(".error");

describe("forms and detail pages", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let page: Page;
  let problems: string[];
  let customerUrl = "";
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
    ({ page, problems } = await newPage(browser));
    await logIn(page);
  });
  afterAll(() => close());

  it("creates a customer, showing browser and server validation errors on their fields", async () => {
    await page.getByRole("button", { name: "New" }).click();
    await page.getByRole("heading", { name: "New Customer" }).waitFor();
    // The schema's first field has focus (ui:autofocus); the numbering field is read-only.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-name");
    expect(await page.getByLabel("Customer no.").getAttribute("readonly")).not.toBeNull();
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByLabel("E-mail").fill("not-an-address");
    await page.getByLabel("Credit limit").fill("-5");
    await page.getByLabel("Quality grade").selectOption("B");
    await page.getByRole("button", { name: "Save" }).click();
    // Caught in the browser by the server's precompiled schema: no request was needed.
    await expect.poll(() => fieldError(page, "Company name").textContent()).toBe("is required");
    expect(await fieldError(page, "E-mail").textContent()).toBe("is not valid here");
    expect(await page.getByLabel("E-mail").getAttribute("aria-invalid")).toBe("true");

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "form");
    await page.getByLabel("Company name", { exact: true }).fill("杭州浏览器测试有限公司");
    expect(await fieldError(page, "Company name").count()).toBe(0);
    await page.getByLabel("E-mail").fill("sales@example.com");
    await page.getByRole("button", { name: "Save" }).click();
    // A negative amount passes the schema (a decimal string) but not the server's minimum: its 400 lands on the field.
    await expect
      .poll(() => fieldError(page, "Credit limit").textContent())
      .toBe("must be at least 0");
    await page.getByLabel("Credit limit").fill("1200");
    await page.getByLabel("Credit limit").blur();
    expect(await page.getByLabel("Credit limit").inputValue()).toBe("1200.00");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Customer: 杭州浏览器测试有限公司" }).waitFor();
    expect(
      await page.locator(".field", { hasText: "Credit limit" }).locator("dd").textContent(),
    ).toContain("1,200.00");
    expect(
      await page.locator(".field", { hasText: "Customer no." }).locator("dd").textContent(),
    ).toMatch(/^KH\d{6}-\d{4}$/);
    customerUrl = new URL(page.url()).pathname;
  });

  it("edits it, and on a stale version offers to reload instead of overwriting", async () => {
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Edit Customer" }).waitFor();
    await page.getByLabel("Short name").fill("浏览器");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL((url) => url.pathname === customerUrl);
    await page
      .locator(".field", { hasText: "Short name" })
      .locator("dd", { hasText: "浏览器" })
      .waitFor();

    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Address", { exact: true }).fill("宁波");
    // Meanwhile someone else saves the same record.
    const api = await adminApi();
    const id = customerUrl.split("/").pop()!;
    const current = await api("GET", `/api/data/customer/${id}`);
    const other = await api(
      "PATCH",
      `/api/data/customer/${id}`,
      { address: "温州" },
      { "If-Match": `"${current.body.version}"` },
    );
    expect(other.status).toBe(200);
    await page.getByRole("button", { name: "Save" }).click();
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("Someone else changed this record");
    await alert.getByRole("button", { name: /Reload the current version/ }).click();
    await expect.poll(() => page.getByLabel("Address", { exact: true }).inputValue()).toBe("温州");
    await page.getByLabel("Address", { exact: true }).fill("宁波");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL((url) => url.pathname === customerUrl);
    await page
      .locator(".field", { hasText: "Address" })
      .locator("dd", { hasText: "宁波" })
      .waitFor();
  });

  it("asks before leaving unsaved changes", async () => {
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Address").fill("中山路 1 号");
    let asked = "";
    page.once("dialog", (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page
      .getByRole("navigation", { name: "Main menu" })
      .getByRole("link", { name: "Contacts" })
      .click();
    expect(asked).toContain("unsaved changes");
    expect(new URL(page.url()).pathname).toBe(`${customerUrl}/edit`);
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForURL((url) => url.pathname === customerUrl);
  });

  it("lists related records on the detail page and creates one linked to it", async () => {
    const contacts = page.getByRole("region", { name: /^Contacts/ });
    const activities = page.getByRole("region", { name: /^Activities/ });
    await contacts.waitFor();
    await activities.waitFor();
    await contacts.getByRole("button", { name: "New Contact" }).click();
    await page.getByRole("heading", { name: "New Contact" }).waitFor();
    // Prefilled with the link; the picker shows the customer's title, not its id.
    await expect
      .poll(() => page.getByRole("combobox", { name: "Customer" }).inputValue())
      .toBe("杭州浏览器测试有限公司");
    await page.getByLabel("Name", { exact: true }).fill("王小明");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Contact: 王小明" }).waitFor();
    await page.goto(customerUrl);
    await contacts.getByRole("link", { name: "王小明" }).waitFor();
  });

  it("picks a reference by typing in the combobox", async () => {
    await page.goto("/e/activity/new");
    await page.getByRole("heading", { name: "New Activity" }).waitFor();
    await page.getByLabel("Subject").fill("回访");
    const picker = page.getByRole("combobox", { name: "Customer" });
    await picker.fill("杭州浏览器测试");
    expect(await unnamedControls(page)).toEqual([]);
    const options = page.getByRole("listbox", { name: "Customer" }).getByRole("option");
    await expect.poll(() => options.allTextContents()).toEqual(["杭州浏览器测试有限公司"]);
    expect(await picker.getAttribute("aria-expanded")).toBe("true");
    await picker.press("ArrowDown");
    await picker.press("Enter");
    expect(await picker.inputValue()).toBe("杭州浏览器测试有限公司");
    expect(await picker.getAttribute("aria-expanded")).toBe("false");
    await page.getByLabel("Starts").fill("2026-12-01T09:30");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Activity: 回访" }).waitFor();
    expect(await page.locator(".field", { hasText: "Starts" }).locator("dd").textContent()).toBe(
      "2026-12-01 09:30",
    );
    const api = await adminApi();
    const saved = await api("GET", `/api/data/activity/${page.url().split("/").pop()}`);
    // 09:30 in the company's zone (Asia/Shanghai) is 01:30 UTC.
    expect(saved.body.startAt).toBe("2026-12-01T01:30:00.000Z");
    expect(saved.body._display.customer).toBe("杭州浏览器测试有限公司");
    expect(problems).toEqual([]);
  });
});
