import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, logIn, newPage, unnamedControls } from "./support/browser.ts";

const seller = { company: "demo", username: "seller.admin", password: "seller-password-1" };

/** Clicks an admin screen in the sidebar and waits for its heading. */
async function openAdmin(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
}

describe("an admin sets up departments, users and roles on screen", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(() => close());

  it("restricts a new user to their own records, previews them, explains and audits it", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);

    // Departments: one at the top, one under it, then moved back to the top with "Move to…".
    await openAdmin(page, "Departments");
    await page.getByLabel("New department").fill("Browser Sales");
    await page.getByRole("button", { name: "Add department" }).click();
    await page.getByRole("treeitem", { name: /Browser Sales/ }).waitFor();
    await page.getByLabel("New department").fill("Browser East");
    await page.getByLabel("Under").selectOption({ label: "Browser Sales" });
    await page.getByRole("button", { name: "Add department" }).click();
    const east = page.getByRole("treeitem", { name: /Browser East/ });
    await east.waitFor();
    expect(await east.getAttribute("aria-level")).toBe("2");
    expect(
      await page.getByRole("treeitem", { name: /Browser Sales/ }).getAttribute("aria-expanded"),
    ).toBe("true");
    await page.getByLabel("Move to…").selectOption({ label: "(top level)" });
    await page.getByRole("status").filter({ hasText: "The department was moved." }).waitFor();
    expect(await east.getAttribute("aria-level")).toBe("1");
    // Dragged onto "Browser East", "Browser Sales" becomes its child.
    const sales = page.getByRole("treeitem", { name: /Browser Sales/ });
    await sales.dragTo(east);
    await expect.poll(() => sales.getAttribute("aria-level")).toBe("2");
    expect(await unnamedControls(page)).toEqual([]);

    // A user in the new department, with a first password.
    await openAdmin(page, "Users");
    await page.getByRole("button", { name: "New user" }).click();
    const userForm = page.getByRole("form", { name: "New user" });
    await userForm.getByLabel("Username").fill(seller.username);
    await userForm.getByLabel("Password").fill(seller.password);
    await userForm.getByLabel("Display name").fill("Seller Browser");
    await userForm.getByLabel("Department").selectOption({ label: "Browser East" });
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText(`User ${seller.username} was saved.`).waitFor();
    const row = page.getByRole("row", { name: new RegExp(seller.username) });
    expect(await row.textContent()).toContain("Browser East");

    expect(problems).toEqual([]);
  });
});
