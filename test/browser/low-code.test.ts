import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliProcess } from "../support/run-cli-process.ts";
import {
  demo,
  launchBrowser,
  logIn,
  newPage,
  screenshot,
  unnamedControls,
} from "./support/browser.ts";
import { startEngine } from "./support/start-engine.ts";

/** A second company of the same installation, which must see none of the first one's design. */
const other = { company: "lowb", username: "admin", password: "b-admin-password-1" };
const staff = { company: "demo", username: "lc.sales", password: "lc-sales-password-1" };

/** The admin screen named, through the administration menu (never a page load). */
async function adminScreen(page: Page, name: string) {
  await page.getByRole("navigation", { name: "系统管理" }).getByRole("link", { name }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
}

/** The main menu's entry, clicked: the user's next screen. */
async function menuEntry(page: Page, name: string) {
  await page
    .getByRole("navigation", { name: "主菜单" })
    .getByRole("link", { name, exact: true })
    .click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
}

describe("低代码: an admin reshapes company A in the browser, live for its users, unseen by company B", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let engine: Awaited<ReturnType<typeof startEngine>>;
  let dataDir: string;
  let api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
  beforeAll(async () => {
    // An installation of its own: the test rolls the demo company's metadata back and forth.
    dataDir = mkdtempSync(path.join(tmpdir(), "metacrm-lowcode-"));
    const created = await runCliProcess(
      { DATA_DIR: dataDir },
      ...["company", "create", other.company, "--name", "B 贸易", "--language", "zh-CN"],
      ...["--admin-user", other.username, "--admin-password", other.password],
    );
    if (created.code !== 0) throw new Error(`company create failed: ${created.err}`);
    engine = await startEngine({ DATA_DIR: dataDir });
    ({ browser, close } = await launchBrowser());
    const login = await fetch(`${engine.url}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(demo),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    api = async (method, path, body) => {
      const res = await fetch(`${engine.url}${path}`, {
        method,
        headers: { cookie, origin: engine.url, "Content-Type": "application/json" },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
  });
  afterAll(async () => {
    await close();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("adds 微信号, renames 客户质量, creates 竞争产品 and a new number prefix; rolls back and forth", async () => {
    const role = await api("POST", "/api/admin/roles", {
      key: "lc_sales",
      name: "销售",
      permissions: {
        modules: ["crm"],
        entities: { customer: { actions: ["read", "create", "update"], scope: "all" } },
      },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const user = await api("POST", "/api/admin/users", {
      username: staff.username,
      password: staff.password,
      displayName: "销售小李",
      roles: [role.body.id],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const start = (await api("GET", "/api/admin/metadata")).body.head as number;

    // The staff user is at work before the admin changes anything.
    const s = await newPage(browser, "zh-CN", { baseURL: engine.url });
    await logIn(s.page, staff);
    await menuEntry(s.page, "客户");
    await s.page.evaluate(() => ((window as unknown as { marker: string }).marker = "same page"));

    const a = await newPage(browser, "zh-CN", { baseURL: engine.url });
    a.page.on("dialog", (d) => void d.accept());
    await logIn(a.page);

    // 微信号 on 客户, and 客户质量 renamed 客户等级, in the entity designer.
    await adminScreen(a.page, "实体设计");
    await a.page.getByRole("table").getByRole("link", { name: "客户", exact: true }).click();
    await a.page.getByRole("heading", { name: "实体：客户", level: 1 }).waitFor();
    await a.page.getByRole("button", { name: "添加字段" }).click();
    const editor = a.page.getByRole("form", { name: "新字段" });
    await editor.getByLabel("标识").fill("x_wechat");
    await editor.getByLabel("类型").selectOption({ label: "单行文本" });
    await editor.getByLabel("字段名称（中文）").fill("微信号");
    await editor.getByLabel("字段名称（English）").fill("WeChat");
    await editor.getByLabel("最大长度").fill("50");
    await editor.getByRole("button", { name: "保存" }).click();
    await a.page.getByRole("rowheader", { name: "微信号" }).waitFor();
    await a.page.getByRole("button", { name: "编辑 客户质量" }).click();
    const quality = a.page.getByRole("form", { name: "字段：客户质量" });
    await quality.getByLabel("字段名称（中文）").fill("客户等级");
    await quality.getByRole("button", { name: "保存" }).click();
    await a.page.getByRole("status").filter({ hasText: "已保存字段“客户等级”。" }).waitFor();

    // 竞争产品: a new entity in 客户管理's menu, each record linked to a customer.
    await adminScreen(a.page, "实体设计");
    await a.page.getByRole("button", { name: "新建实体" }).click();
    const dialog = a.page.getByRole("dialog", { name: "新建实体" });
    await dialog.getByLabel("键").fill("x_competitor");
    await dialog.getByLabel("名称", { exact: true }).first().fill("竞争产品");
    await dialog.getByLabel("名称", { exact: true }).nth(1).fill("Competing product");
    await dialog.getByLabel("复数名称").nth(1).fill("Competing products");
    await dialog.getByLabel("所在菜单").selectOption({ label: "客户管理" });
    await dialog.getByLabel("关联到").selectOption({ label: "客户" });
    expect(await unnamedControls(a.page)).toEqual([]);
    await dialog.getByRole("button", { name: "创建" }).click();
    await dialog.waitFor({ state: "detached" });
    // The designer of the new entity, to give it more fields.
    await a.page.getByRole("heading", { name: "实体：竞争产品", level: 1 }).waitFor();
    await a.page.getByRole("rowheader", { name: "客户" }).waitFor();
    const grant = await api("PATCH", `/api/admin/roles/${role.body.id}`, {
      permissions: {
        modules: ["crm"],
        entities: {
          customer: { actions: ["read", "create", "update"], scope: "all" },
          x_competitor: { actions: ["read", "create", "update"], scope: "all" },
        },
      },
    });
    expect(grant.status, JSON.stringify(grant.body)).toBe(200);

    // A new prefix for customer numbers.
    await adminScreen(a.page, "编号规则");
    const numbering = a.page.getByRole("form", { name: /^客户/ });
    await numbering.getByLabel("前缀", { exact: true }).fill("LC");
    await numbering.getByRole("button", { name: "保存" }).click();
    await a.page.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    await screenshot(a.page, "low-code-admin");
    expect(a.problems).toEqual([]);

    // The staff user's next screens have all of it, without a reload.
    await s.page.getByRole("button", { name: "新建", exact: true }).click();
    await s.page.getByLabel("客户名称", { exact: true }).fill("低代码客户");
    await s.page.getByLabel("微信号").fill("wx-lowcode");
    await s.page.getByLabel("客户等级").selectOption({ index: 1 });
    await s.page.getByRole("button", { name: "保存" }).click();
    await s.page.getByRole("heading", { name: /低代码客户/ }).waitFor();
    expect(
      await s.page.locator(".field", { hasText: "客户编号" }).locator("dd").textContent(),
    ).toMatch(/^LC/);
    await s.page.getByRole("button", { name: "新建竞争产品" }).click();
    await s.page.getByLabel("名称", { exact: true }).fill("仿制款");
    await s.page.getByRole("button", { name: "保存" }).click();
    await s.page.getByRole("heading", { name: /仿制款/ }).waitFor();
    expect(await s.page.locator(".field", { hasText: "客户" }).locator("dd").textContent()).toBe(
      "低代码客户",
    );
    await menuEntry(s.page, "竞争产品");
    expect(await s.page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
      "same page",
    );

    // Company B has none of it.
    const b = await newPage(browser, "zh-CN", { baseURL: engine.url });
    await logIn(b.page, other);
    await menuEntry(b.page, "客户");
    const bMenu = b.page.getByRole("navigation", { name: "主菜单" });
    expect(await bMenu.getByRole("link", { name: "竞争产品" }).count()).toBe(0);
    await b.page.getByRole("button", { name: "新建", exact: true }).click();
    await b.page.getByLabel("客户质量").waitFor();
    expect(await b.page.getByLabel("微信号").count()).toBe(0);

    // Back to before the admin's changes: the old label, no 微信号 on screen, its value kept.
    const latest = (await api("GET", "/api/admin/metadata")).body.head as number;
    await adminScreen(a.page, "变更历史");
    const versionRow = (version: number) =>
      a.page
        .getByRole("row")
        .filter({ has: a.page.getByRole("rowheader", { name: new RegExp(`^${version}\\b`) }) });
    await versionRow(latest).getByRole("button", { name: "查看变更" }).click();
    await a.page.getByText("相对第").first().waitFor();
    await versionRow(start).getByRole("button", { name: "回到此版本" }).click();
    await a.page
      .getByRole("status")
      .filter({ hasText: `已回到第 ${start} 版` })
      .waitFor();
    await menuEntry(s.page, "客户");
    await s.page.getByRole("link", { name: "低代码客户" }).click();
    await s.page.getByRole("heading", { name: /低代码客户/ }).waitFor();
    expect(await s.page.locator(".field", { hasText: "微信号" }).count()).toBe(0);
    await s.page.locator(".field", { hasText: "客户质量" }).first().waitFor();
    expect(
      await s.page
        .getByRole("navigation", { name: "主菜单" })
        .getByRole("link", { name: "竞争产品" })
        .count(),
    ).toBe(0);

    // Forward again: the field comes back with the value the staff user entered.
    await versionRow(latest).getByRole("button", { name: "回到此版本" }).click();
    await a.page
      .getByRole("status")
      .filter({ hasText: `已回到第 ${latest} 版` })
      .waitFor();
    await menuEntry(s.page, "客户");
    await s.page.getByRole("link", { name: "低代码客户" }).click();
    await expect
      .poll(() => s.page.locator(".field", { hasText: "微信号" }).locator("dd").textContent())
      .toBe("wx-lowcode");
    expect(s.problems).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});
