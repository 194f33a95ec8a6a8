import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage, screenshot, unnamedControls } from "./support/browser.ts";

const total = async (page: Page) =>
  Number((await page.locator(".pager .total").textContent())!.replace(/\D/g, ""));
const detailValue = (page: Page, label: string) =>
  page.locator(".field", { has: page.getByText(label, { exact: true }) }).locator("dd");

describe("regions, money and times as a user in China reads them", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(() => close());

  it("picks province, city and district with the keyboard, and filters a province's customers", async () => {
    const { page, problems } = await newPage(browser, "zh-CN");
    await logIn(page);
    await page.goto("/e/customer/new");
    await page.getByLabel("客户名称", { exact: true }).fill("键盘地区测试有限公司");
    const picker = page.getByRole("group", { name: "所在地区" });
    const province = picker.getByRole("combobox", { name: "所在地区 – 省份" });
    await province.waitFor();
    expect(await picker.getByRole("combobox").count()).toBe(1);
    // The keyboard alone: 浙江省 is the 11th province in code order (11 北京 … 33 浙江).
    await province.focus();
    for (let i = 0; i < 11; i++) await page.keyboard.press("ArrowDown");
    await expect.poll(() => province.locator("option:checked").textContent()).toBe("浙江省");
    await page.keyboard.press("Tab");
    const city = picker.getByRole("combobox", { name: "所在地区 – 城市" });
    expect(await city.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => city.locator("option:checked").textContent()).toBe("杭州市");
    await page.keyboard.press("Tab");
    const county = picker.getByRole("combobox", { name: "所在地区 – 区县" });
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => county.locator("option:checked").textContent()).toBe("上城区");
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByLabel("信用额度").fill("25000");
    expect(
      await page.locator(".field", { hasText: "信用额度" }).locator(".unit").textContent(),
    ).toBe("¥");
    await screenshot(page, "region-picker");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("heading", { name: "客户: 键盘地区测试有限公司" }).waitFor();
    expect(await detailValue(page, "所在地区").textContent()).toBe("浙江省 杭州市 上城区");
    expect(await detailValue(page, "信用额度").textContent()).toBe("¥25,000.00");
    const api = await adminApi();
    const saved = await api("GET", `/api/data/customer/${page.url().split("/").pop()}`);
    expect(saved.body.region).toBe("330102");

    // Editing shows the stored region at every level; emptying the district keeps the city.
    await page.getByRole("button", { name: "编辑" }).click();
    await expect.poll(() => county.locator("option:checked").textContent()).toBe("上城区");
    await county.selectOption("");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("heading", { name: "客户: 键盘地区测试有限公司" }).waitFor();
    expect(await detailValue(page, "所在地区").textContent()).toBe("浙江省 杭州市");

    // "All customers in 浙江": one condition, the province picked in the filter.
    await page.goto("/e/customer");
    await page.locator("table.records tbody tr a").first().waitFor();
    const all = await total(page);
    await page.getByRole("button", { name: "筛选" }).click();
    await page.getByRole("button", { name: "添加条件" }).click();
    await page.getByLabel("字段").selectOption({ label: "所在地区" });
    expect(await page.getByLabel("运算符").inputValue()).toBe("within");
    await page
      .locator(".filter-value")
      .getByRole("combobox", { name: /省份/ })
      .selectOption({ label: "浙江省" });
    await page.getByRole("button", { name: "应用" }).click();
    await expect.poll(() => total(page)).toBeLessThan(all);
    const regions = await page
      .locator("table.records tbody tr")
      .evaluateAll((rows) =>
        rows.map((r) => (r.querySelectorAll("td")[5] as HTMLElement | undefined)?.innerText ?? ""),
      );
    expect(regions.length).toBeGreaterThan(1);
    expect(regions.every((r) => r.startsWith("浙江省"))).toBe(true);
    const zhejiang = await api(
      "GET",
      `/api/data/customer?limit=1&filter=${encodeURIComponent(JSON.stringify({ field: "region", op: "within", value: "330000" }))}`,
    );
    expect(await total(page)).toBe(zhejiang.body.total);
    expect(problems).toEqual([]);
  });

  it("names the time zone only for a user whose clock differs from the company's", async () => {
    const api = await adminApi();
    const customers = await api("GET", "/api/data/customer?limit=1");
    const created = await api("POST", "/api/data/activity", {
      subject: "时区测试",
      customer: customers.body.items[0].id,
      startAt: "2026-12-01T01:30:00.000Z",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const at = `/e/activity/${created.body.id}`;

    const here = await newPage(browser, "en", { timezoneId: "Asia/Shanghai" });
    await logIn(here.page);
    await here.page.goto(at);
    expect(await detailValue(here.page, "Starts").textContent()).toBe("2026-12-01 09:30");
    await here.page.goto(`${at}/edit`);
    await here.page.getByLabel("Starts").waitFor();
    expect(await here.page.locator(".field", { hasText: "Starts" }).locator(".unit").count()).toBe(
      0,
    );

    const abroad = await newPage(browser, "en", { timezoneId: "Europe/Berlin" });
    await logIn(abroad.page);
    await abroad.page.goto(at);
    expect(await detailValue(abroad.page, "Starts").textContent()).toBe("2026-12-01 09:30 GMT+8");
    await abroad.page.goto(`${at}/edit`);
    expect(
      await abroad.page.locator(".field", { hasText: "Starts" }).locator(".unit").textContent(),
    ).toBe("Asia/Shanghai");
    expect([...here.problems, ...abroad.problems]).toEqual([]);
  });
});
