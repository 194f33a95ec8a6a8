import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage } from "./support/browser.ts";

const clerk = { company: "demo", username: "clerk.browser", password: "clerk-password-1" };

describe("what a user may do comes from the server", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(() => close());

  it("offers only the modules, actions and fields the user's role grants", async () => {
    const api = await adminApi();
    const role = await api("POST", "/api/admin/roles", {
      key: "browser_clerk",
      name: "Clerk (browser test)",
      permissions: {
        modules: ["crm"],
        entities: {
          customer: {
            actions: ["read", "update"],
            scope: "all",
            fields: { creditLimit: "hidden", phone: "readOnly" },
          },
        },
      },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const user = await api("POST", "/api/admin/users", {
      username: clerk.username,
      password: clerk.password,
      displayName: "Clerk",
      roles: [role.body.id],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);

    const { page, problems } = await newPage(browser);
    await logIn(page, clerk);
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
    const menu = page.getByRole("navigation", { name: "Main menu" });
    expect(await menu.getByRole("link").allTextContents()).toEqual(["Customers"]);
    expect(await page.getByRole("button", { name: "New" }).count()).toBe(0);

    await page.locator("table.records tbody a").first().click();
    await page.getByRole("button", { name: "Edit" }).waitFor();
    expect(await page.getByRole("button", { name: "Delete" }).count()).toBe(0);
    expect(await page.locator(".field", { hasText: "Credit limit" }).count()).toBe(0);

    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByRole("heading", { name: "Edit Customer" }).waitFor();
    expect(await page.getByLabel("Phone", { exact: true }).getAttribute("readonly")).not.toBeNull();
    expect(await page.getByLabel("Credit limit").count()).toBe(0);
    expect(await page.getByLabel("Address", { exact: true }).getAttribute("readonly")).toBeNull();
    expect(problems).toEqual([]);
  });
});
