import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliProcess } from "../support/run-cli-process.ts";
import { demo, launchBrowser, logIn, newPage, screenshot } from "./support/browser.ts";
import { startEngine } from "./support/start-engine.ts";

/** A second company of the same installation, which never switches loyalty on. */
const other = { company: "loyb", username: "admin", password: "b-admin-password-1" };

/** Requests for the loyalty plugin's chunks (its screens and texts). */
const pluginRequests = (page: Page) => {
  const urls: string[] = [];
  page.on("request", (r) => {
    if (/\/assets\/plugin-loyalty-/.test(r.url())) urls.push(r.url());
  });
  return urls;
};

describe("the loyalty plugin's screens, for the company that switched it on only", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let engine: Awaited<ReturnType<typeof startEngine>>;
  let dataDir: string;
  beforeAll(async () => {
    // An installation of its own: two companies, the demo one and a second made by the CLI first.
    dataDir = mkdtempSync(path.join(tmpdir(), "metacrm-loyalty-"));
    const created = await runCliProcess(
      { DATA_DIR: dataDir },
      ...["company", "create", other.company, "--name", "B Trading", "--language", "en"],
      ...["--admin-user", other.username, "--admin-password", other.password],
    );
    if (created.code !== 0) throw new Error(`company create failed: ${created.err}`);
    engine = await startEngine({ DATA_DIR: dataDir });
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => {
    await close();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lets an admin switch it on, then add points on a customer's page and see them", async () => {
    const { page, problems } = await newPage(browser, "en", { baseURL: engine.url });
    const chunks = pluginRequests(page);
    await logIn(page, demo);
    const menu = page.getByRole("navigation", { name: "Main menu" });
    await menu.getByRole("link", { name: "Customers" }).waitFor();
    expect(await menu.getByRole("link", { name: "Points entries" }).count()).toBe(0);
    expect(chunks).toEqual([]);

    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Modules" })
      .click();
    await page.getByRole("switch", { name: "Loyalty points on" }).click();
    await page.getByRole("status").filter({ hasText: "Loyalty points is on" }).waitFor();

    await menu.getByRole("link", { name: "Customers" }).click();
    await menu.getByRole("link", { name: "Points entries" }).waitFor();
    await page.locator("table.records tbody tr a").first().click();
    const panel = page.getByRole("region", { name: "Points", exact: true });
    await panel.getByText("Balance: 0 points").waitFor();
    expect(chunks.length).toBeGreaterThan(0);

    await panel.getByRole("spinbutton", { name: "Points" }).fill("120");
    await panel.getByRole("textbox", { name: "Reason" }).fill("首单奖励");
    await panel.getByRole("button", { name: "Add points" }).click();
    const entry = panel.getByRole("row").filter({ hasText: "首单奖励" });
    await entry.waitFor();
    expect(await entry.getByRole("cell").allTextContents()).toEqual(
      expect.arrayContaining(["Earned", "120", "首单奖励"]),
    );
    await panel.getByText("Balance: 120 points").waitFor();

    // More than the balance: the engine refuses, and says so by the field.
    await panel.getByRole("combobox", { name: "Kind" }).selectOption("redeem");
    await panel.getByRole("spinbutton", { name: "Points" }).fill("500");
    await panel.getByRole("textbox", { name: "Reason" }).fill("兑换礼品");
    await panel.getByRole("button", { name: "Redeem" }).click();
    await panel
      .getByRole("alert")
      .filter({ hasText: "the customer has 120 points: 500 cannot be redeemed" })
      .waitFor();
    await panel.getByRole("spinbutton", { name: "Points" }).fill("20");
    await panel.getByRole("button", { name: "Redeem" }).click();
    await panel.getByText("Balance: 100 points").waitFor();
    // Newest first.
    await expect.poll(() => panel.locator("tbody tr").first().textContent()).toContain("兑换礼品");
    expect(await panel.getByRole("alert").count()).toBe(0);
    await screenshot(page, "loyalty-panel", { fullPage: true });

    // In Chinese, from the plugin's own texts and its entity's labels.
    await page.getByLabel("Language").selectOption("zh-CN");
    const 积分 = page.getByRole("region", { name: "积分", exact: true });
    await 积分.getByText("积分余额：100").waitFor();
    expect(await 积分.getByRole("button", { name: "兑换", exact: true }).count()).toBe(1);
    expect(await 积分.locator("tbody tr").first().textContent()).toContain("兑换");
    expect(problems).toEqual([]);
  });

  it("shows a company that has it off neither its menu nor its panel, nor loads its screens", async () => {
    const login = await fetch(`${engine.url}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(other),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const created = await fetch(`${engine.url}/api/data/customer`, {
      method: "POST",
      headers: { cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "乙方客户" }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const { page, problems } = await newPage(browser, "en", { baseURL: engine.url });
    const chunks = pluginRequests(page);
    await logIn(page, other);
    const menu = page.getByRole("navigation", { name: "Main menu" });
    await menu.getByRole("link", { name: "Customers" }).waitFor();
    expect(await menu.getByRole("link", { name: "Points entries" }).count()).toBe(0);
    expect(await menu.getByRole("heading", { name: "Loyalty points" }).count()).toBe(0);

    await page.goto(`/e/customer/${id}`);
    await page.getByRole("heading", { name: "Customer: 乙方客户", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Activities" }).waitFor();
    expect(await page.getByRole("region", { name: "Points", exact: true }).count()).toBe(0);
    expect(await page.getByText(/Balance: \d+ points/).count()).toBe(0);
    expect(chunks).toEqual([]);
    expect(problems).toEqual([]);
  });
});
