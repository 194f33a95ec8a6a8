import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, logIn, newPage } from "./support/browser.ts";

/** The error text shown inside a field's own box, found through the control's label. */
const fieldError = (page: Page, label: string) =>
  page.locator(".field", { has: page.getByLabel(label, { exact: true }) }).locator(".error");

/**
 * Item 13 of the hardening issue: in the Chinese UI, what the server refuses
 * reads in Chinese — on a form's field, in the password dialog, and in the
 * audit trail's reasons.
 */
describe("the server's words in the Chinese UI", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
    ({ page, problems } = await newPage(browser, "zh-CN"));
    await logIn(page);
  });
  afterAll(() => close());

  it("puts the server's refusal of a field on it in Chinese", async () => {
    await page.goto("/e/customer/new");
    await page.getByLabel("客户名称", { exact: true }).fill("中文消息测试有限公司");
    await page.getByLabel("信用额度").fill("-5");
    await page.getByRole("button", { name: "保存" }).click();
    // A negative amount passes the browser's schema: this is the server's answer.
    await expect.poll(() => fieldError(page, "信用额度").textContent()).toBe("不能小于 0");
  });

  it("says in Chinese why a new password is refused", async () => {
    await page.goto("/e/customer");
    await page.getByRole("button", { name: /^用户菜单/ }).click();
    await page.getByRole("menuitem", { name: "修改密码" }).click();
    const dialog = page.getByRole("dialog", { name: "修改密码" });
    await dialog.getByLabel("当前密码").fill("demo-admin-2026");
    await dialog.getByLabel("新密码", { exact: true }).fill("short");
    await dialog.getByLabel("再次输入新密码").fill("short");
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => dialog.textContent()).toContain("新密码: 密码至少需要 8 个字符");
    await page.keyboard.press("Escape");
  });

  it("gives a failed login's reason in Chinese in the audit trail", async () => {
    const res = await fetch(`${baseUrl()}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": "zh-CN" },
      body: JSON.stringify({ company: "demo", username: "nobody.here", password: "wrong-guess-1" }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      "公司、用户名或密码错误",
    );
    await page.goto("/admin/audit");
    await page.getByLabel("操作类型").selectOption({ label: "登录失败" });
    await page.getByRole("button", { name: "应用筛选" }).click();
    const entry = page.locator(".audit-table tbody tr", { hasText: "nobody.here" });
    await expect.poll(() => entry.first().textContent()).toContain("reason: 用户不存在");
    expect(problems).toEqual([]);
  });
});
