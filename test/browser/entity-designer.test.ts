import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage, unnamedControls } from "./support/browser.ts";

const staff = { company: "demo", username: "lan.designer", password: "staff-password-1" };

/** The admin's designer of the customer entity, in Chinese. */
async function openCustomerDesigner(page: Page) {
  await page
    .getByRole("navigation", { name: "系统管理" })
    .getByRole("link", { name: "实体设计" })
    .click();
  await page.getByRole("heading", { name: "实体设计", level: 1 }).waitFor();
  await page.getByRole("table").getByRole("link", { name: "客户", exact: true }).click();
  await page.getByRole("heading", { name: "实体：客户", level: 1 }).waitFor();
}

/** The staff user's new-customer form, reached by clicking (never a page load). */
async function openNewCustomer(page: Page) {
  await page
    .getByRole("navigation", { name: "主菜单" })
    .getByRole("link", { name: "客户", exact: true })
    .click();
  await page.getByRole("heading", { name: "客户", level: 1 }).waitFor();
  await page.getByRole("button", { name: "新建", exact: true }).click();
  await page.getByRole("heading", { name: "新建客户" }).waitFor();
}

describe("实体设计: an admin reshapes 客户 in Chinese, live for a user already logged in", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let api: Awaited<ReturnType<typeof adminApi>>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
    api = await adminApi();
  });
  afterAll(async () => {
    // Other files of the suite read the demo's customer as shipped: the new field hidden, its data kept.
    await api("PATCH", "/api/admin/entities/customer/fields/x_wechat_id", { hidden: true });
    await api("PATCH", "/api/admin/entities/customer/fields/fax", { hidden: false });
    await api("PATCH", "/api/admin/entities/customer/labels", {
      "zh-CN": { sections: { basic: "基本信息" } },
    });
    await api("PATCH", "/api/admin/labels", { "zh-CN": { modules: { crm: "客户管理" } } });
    await api("PATCH", "/api/admin/entities/customer/fields/quality", {
      options: ["A", "B", "C", "D"],
      labels: { "zh-CN": "客户质量" },
    });
    await close();
  });

  it("adds 微信号, renames 客户质量 to 客户等级, reorders its options and hides 传真", async () => {
    const role = await api("POST", "/api/admin/roles", {
      key: "designer_sales",
      name: "销售（设计测试）",
      permissions: {
        modules: ["crm"],
        entities: { customer: { actions: ["read", "create", "update"], scope: "all" } },
      },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const user = await api("POST", "/api/admin/users", {
      username: staff.username,
      password: staff.password,
      displayName: "兰",
      roles: [role.body.id],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);

    // The staff user is at work before the admin changes anything.
    const s = await newPage(browser, "zh-CN");
    await logIn(s.page, staff);
    await openNewCustomer(s.page);
    expect(await s.page.getByLabel("微信号").count()).toBe(0);
    expect(await s.page.getByLabel("传真").count()).toBe(1);
    await s.page.evaluate(() => ((window as unknown as { marker: string }).marker = "same page"));

    const a = await newPage(browser, "zh-CN");
    await logIn(a.page);
    await openCustomerDesigner(a.page);

    // A text field of at most 50 characters, named in both languages.
    await a.page.getByRole("button", { name: "添加字段" }).click();
    const editor = a.page.getByRole("form", { name: "新字段" });
    await editor.getByLabel("标识").fill("x_wechat_id");
    await editor.getByLabel("类型").selectOption({ label: "单行文本" });
    await editor.getByLabel("字段名称（中文）").fill("微信号");
    await editor.getByLabel("字段名称（English）").fill("Weixin ID");
    await editor.getByLabel("输入提示（中文）").fill("例如：wxid_abc");
    await editor.getByLabel("最大长度").fill("50");
    expect(await unnamedControls(a.page)).toEqual([]);
    await editor.getByRole("button", { name: "保存" }).click();
    await a.page.getByRole("status").filter({ hasText: "已添加字段“微信号”。" }).waitFor();
    await a.page.getByRole("rowheader", { name: "微信号" }).waitFor();

    // The same key again: refused by the server, in Chinese, at the key.
    await a.page.getByRole("button", { name: "添加字段" }).click();
    await editor.getByLabel("标识").fill("x_wechat_id");
    await editor.getByLabel("字段名称（中文）").fill("微信号二");
    await editor.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => a.page.locator("#fd-key-error").textContent()).toContain("已使用过");
    expect(await editor.getByLabel("标识").getAttribute("aria-invalid")).toBe("true");
    await editor.getByRole("button", { name: "取消" }).click();

    // 客户质量 → 客户等级, and its options in a new order with the keyboard.
    await a.page.getByRole("button", { name: "编辑 客户质量" }).click();
    const quality = a.page.getByRole("form", { name: "字段：客户质量" });
    await quality.getByLabel("字段名称（中文）").fill("客户等级");
    await quality.getByRole("button", { name: "下移 A" }).focus();
    await a.page.keyboard.press("Enter");
    // Focus follows the moved option, so a second Enter moves it on.
    await a.page.keyboard.press("Enter");
    await expect
      .poll(() => quality.locator(".option-row > .mono").allTextContents())
      .toEqual(["B", "C", "A", "D"]);
    await quality.getByRole("button", { name: "上移 D" }).click();
    await expect
      .poll(() => quality.locator(".option-row > .mono").allTextContents())
      .toEqual(["B", "C", "D", "A"]);
    // Where it is used, before saving.
    expect(await quality.getByRole("region", { name: "使用位置" }).textContent()).toContain(
      "列表筛选",
    );
    await quality.getByRole("button", { name: "保存" }).click();
    await a.page.getByRole("status").filter({ hasText: "已保存字段“客户等级”。" }).waitFor();

    // 传真 hidden: its data stays, its row says so and offers to show it again.
    await a.page.getByRole("button", { name: "隐藏 传真" }).click();
    await a.page.getByRole("button", { name: "显示 传真" }).waitFor();

    // A section's title, then a module's name, each in both languages side by side.
    const names = a.page.getByRole("form", { name: "名称" });
    await names.getByLabel("分组“basic”（中文）").fill("基本资料");
    await names.getByRole("button", { name: "保存名称" }).click();
    await a.page.getByRole("status").filter({ hasText: "名称已保存。" }).waitFor();
    await a.page.getByRole("link", { name: "全部实体" }).click();
    const modules = a.page.getByRole("form", { name: "模块名称" });
    await modules.getByLabel("客户管理 (crm)（中文）").fill("客户关系");
    await modules.getByRole("button", { name: "保存名称" }).click();
    await a.page.getByRole("status").filter({ hasText: "名称已保存。" }).waitFor();
    await expect
      .poll(() => modules.getByLabel("客户关系 (crm)（中文）").inputValue())
      .toBe("客户关系");
    expect(a.problems).toEqual([]);

    // The staff user's next screen has all of it, without a reload.
    await s.page.getByRole("button", { name: "取消" }).click();
    await openNewCustomer(s.page);
    const wechat = s.page.getByLabel("微信号");
    await wechat.waitFor();
    expect(await wechat.getAttribute("placeholder")).toBe("例如：wxid_abc");
    expect(await s.page.getByLabel("传真").count()).toBe(0);
    await s.page.locator("summary", { hasText: "基本资料" }).waitFor();
    expect(
      await s.page
        .getByRole("navigation", { name: "主菜单" })
        .getByRole("heading")
        .allTextContents(),
    ).toContain("客户关系");
    expect(await s.page.getByLabel("客户质量").count()).toBe(0);
    const grade = s.page.getByLabel("客户等级");
    expect(await grade.locator("option").allTextContents()).toEqual([
      "—",
      "B 级（良好）",
      "C 级（一般）",
      "D 级（较差）",
      "A 级（优质）",
    ]);
    await wechat.fill("wx-lan");
    await grade.selectOption({ label: "B 级（良好）" });
    await s.page.getByLabel("客户名称", { exact: true }).fill("设计测试客户");
    await s.page.getByRole("button", { name: "保存" }).click();
    await s.page.getByRole("heading", { name: /设计测试客户/ }).waitFor();
    expect(await s.page.locator(".field", { hasText: "微信号" }).locator("dd").textContent()).toBe(
      "wx-lan",
    );
    expect(await s.page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
      "same page",
    );
    expect(s.problems).toEqual([]);
  });
});
