import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { demo, launchBrowser, logIn, newPage } from "./support/browser.ts";

describe("login and shell", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(() => close());

  it("refuses a wrong password, logs in, shows the modules and remembers the company", async () => {
    const { page, problems } = await newPage(browser);
    await page.goto("/");
    await page.waitForURL(/\/login/);
    // The company is a text box: this installation does not list its companies.
    await page.getByLabel("Company").fill("demo");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Wrong company");

    await page.getByLabel("Password", { exact: true }).fill(demo.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const menu = page.getByRole("navigation", { name: "Main menu" });
    await menu.waitFor();
    expect(await menu.getByRole("link").allTextContents()).toEqual([
      "Customers",
      "Contacts",
      "Activities",
      "Products",
    ]);
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();

    await page.getByRole("button", { name: /User menu/ }).click();
    await page.getByRole("menuitem", { name: "Switch user" }).click();
    await page.waitForURL(/\/login\?company=demo/);
    expect(await page.getByLabel("Company").inputValue()).toBe("demo");
    await page.reload();
    expect(await page.getByLabel("Company").inputValue()).toBe("demo");
    // Logged out for real: the API no longer knows this browser.
    expect(await page.evaluate(async () => (await fetch("/api/auth/me")).status)).toBe(401);
    expect(problems).toEqual([]);
  });

  it("says what a company is, asks for no company list, and offers the last company on the next visit", async () => {
    const { page, problems } = await newPage(browser);
    const asked: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/auth/companies")) asked.push(r.url());
    });
    await page.goto("/login");
    const company = page.getByLabel("Company");
    const hint = await company.getAttribute("aria-describedby");
    expect(await page.locator(`#${hint}`).textContent()).toMatch(/short code/);
    expect(await company.inputValue()).toBe("");
    // Typed as a phone keyboard would: capitalised, with a space.
    await company.fill("Demo ");
    await page.getByLabel("Username").fill(demo.username);
    await page.getByLabel("Password", { exact: true }).fill(demo.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
    await page.getByRole("button", { name: /User menu/ }).click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await page.waitForURL(/\/login/);
    // A later visit, without the company in the address: this browser remembers it.
    await page.goto("/login");
    await expect.poll(() => page.getByLabel("Company").inputValue()).toBe("demo");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("login-username");
    expect(asked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("switches between Chinese and English everywhere at once", async () => {
    const { page, problems } = await newPage(browser, "zh-CN");
    await page.goto("/login");
    await page.getByLabel("帐套").waitFor();
    await page.getByLabel("语言").selectOption("en");
    await page.getByLabel("Company").waitFor();
    await logIn(page);
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
    await page.getByLabel("Language").selectOption("zh-CN");
    await page.getByRole("heading", { name: "客户", level: 1 }).waitFor();
    expect(
      await page.getByRole("navigation", { name: "主菜单" }).getByRole("link").allTextContents(),
    ).toContain("联系人");
    expect(await page.getByRole("columnheader").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("客户名称")]),
    );
    await page.reload();
    await page.getByRole("heading", { name: "客户", level: 1 }).waitFor();
    expect(problems).toEqual([]);
  });

  it("changes the password from the user menu; the new one logs in", async () => {
    const api = await adminApi();
    const user = { company: "demo", username: "pw.browser", password: "first-password-1" };
    const created = await api("POST", "/api/admin/users", {
      username: user.username,
      password: user.password,
      displayName: "PW",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { page, problems } = await newPage(browser);
    await logIn(page, user);
    await page.getByRole("button", { name: /User menu/ }).click();
    await page.getByRole("menuitem", { name: "Change password" }).click();
    const dialog = page.getByRole("dialog", { name: "Change password" });
    await dialog.getByLabel("Current password").fill("wrong-password-1");
    await dialog.getByLabel("New password", { exact: true }).fill("second-password-2");
    await dialog.getByLabel("Repeat the new password").fill("second-password-2");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("Current password");
    await dialog.getByLabel("Current password").fill(user.password);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => dialog.getByRole("alert").textContent())
      .toBe("Your password was changed.");
    await dialog.getByRole("button", { name: "Close" }).click();
    await page.getByRole("button", { name: /User menu/ }).click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await page.waitForURL(/\/login/);
    await logIn(page, { ...user, password: "second-password-2" });
    expect(problems).toEqual([]);
  });
});
