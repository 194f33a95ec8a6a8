import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage } from "./support/browser.ts";

const member = { company: "demo", username: "mei.browser", password: "member-password-1" };
const reads = { actions: ["read"], scope: "all" };

describe("metadata changes reach a logged-in user", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(() => close());

  it("shows a field the admin adds on the user's next screen, without a page reload", async () => {
    const api = await adminApi();
    const role = await api("POST", "/api/admin/roles", {
      key: "browser_sales",
      name: "Sales (browser test)",
      permissions: {
        modules: ["crm"],
        entities: {
          customer: { actions: ["read", "create", "update"], scope: "all" },
          contact: reads,
          activity: reads,
        },
      },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const user = await api("POST", "/api/admin/users", {
      username: member.username,
      password: member.password,
      displayName: "梅",
      roles: [role.body.id],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);

    const { page, problems } = await newPage(browser);
    await logIn(page, member);
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New" }).click();
    await page.getByRole("heading", { name: "New Customer" }).waitFor();
    expect(await page.getByLabel("WeChat").count()).toBe(0);
    // A marker on the window: it survives only if the page is never reloaded.
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same page"));

    const added = await api("POST", "/api/admin/entities/customer/fields", {
      key: "x_wechat",
      type: "text",
      maxLength: 50,
      labels: { "zh-CN": "微信", en: "WeChat" },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);

    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New" }).click();
    await page.getByLabel("WeChat").fill("wx-mei");
    await page.getByLabel("Company name", { exact: true }).fill("微信测试客户");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Customer: 微信测试客户" }).waitFor();
    expect(await page.locator(".field", { hasText: "WeChat" }).locator("dd").textContent()).toBe(
      "wx-mei",
    );
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
      "same page",
    );
    expect(problems).toEqual([]);
  });
});
