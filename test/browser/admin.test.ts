import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { baseUrl, launchBrowser, logIn, newPage, unnamedControls } from "./support/browser.ts";

const seller = { company: "demo", username: "seller.admin", password: "seller-password-1" };

/** A session cookie of `user`, logged in through the API. */
async function logInApi(user: typeof seller): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(user),
  });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

/** What the seller sees of customers: their one record, no phone column, filter or field. */
async function expectSellerView(page: Page) {
  await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
  const menu = page.getByRole("navigation", { name: "Main menu" });
  expect(await menu.getByRole("link").allTextContents()).toEqual(["Customers"]);
  expect(await page.getByRole("navigation", { name: "Administration" }).count()).toBe(0);
  const rows = page.locator("table.records tbody tr");
  await expect
    .poll(() => rows.allTextContents())
    .toEqual([expect.stringContaining("Seller's own customer")]);
  expect(await page.getByRole("columnheader", { name: "Phone", exact: true }).count()).toBe(0);
  await page.getByRole("button", { name: "Columns", exact: true }).click();
  const chooser = page.getByRole("group", { name: "Columns" });
  await chooser.waitFor();
  const columnNames = await chooser.locator("label").allTextContents();
  expect(columnNames).toContain("Region");
  expect(columnNames).not.toContain("Phone");
  await page.getByRole("button", { name: "Columns", exact: true }).click();
  await page.getByRole("button", { name: "Filters", exact: true }).click();
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.waitFor();
  if ((await filters.getByLabel("Field").count()) === 0)
    await filters.getByRole("button", { name: "Add condition" }).click();
  const fieldOptions = await filters
    .getByLabel("Field")
    .first()
    .locator("option")
    .allTextContents();
  expect(fieldOptions).toContain("Region");
  expect(fieldOptions).not.toContain("Phone");
  await rows.first().getByRole("link").first().click();
  await page.getByRole("heading", { name: /Seller's own customer/ }).waitFor();
  expect(await page.locator(".field dt").allTextContents()).not.toContain("Phone");
  expect(await page.getByRole("button", { name: "Who can see this record?" }).count()).toBe(0);
}

/** Clicks an admin screen in the sidebar and waits for its heading. */
async function openAdmin(page: Page, name: string) {
  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name })
    .click();
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
    await expect.poll(() => east.getAttribute("aria-level")).toBe("1");
    // Dragged onto "Browser East", "Browser Sales" becomes its child.
    const sales = page.getByRole("treeitem", { name: /Browser Sales/ });
    await sales.dragTo(east);
    await expect.poll(() => sales.getAttribute("aria-level")).toBe("2");
    // The server's refusals show: a department with sub-departments, a move into itself.
    page.once("dialog", (dialog) => void dialog.accept());
    await east.click();
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alert").filter({ hasText: "still has sub-departments" }).waitFor();
    await east.dragTo(sales);
    await page.getByRole("alert").filter({ hasText: "inside itself" }).waitFor();
    // The keyboard folds and unfolds the tree.
    await east.focus();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => east.getAttribute("aria-expanded")).toBe("false");
    expect(await sales.count()).toBe(0);
    await page.keyboard.press("ArrowRight");
    await sales.waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowLeft");
    expect(await east.evaluate((el) => el === document.activeElement)).toBe(true);
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
    // Disabled and enabled again; a new password set (too short first).
    await row.getByRole("button", { name: `Disable ${seller.username}` }).click();
    await expect.poll(() => row.textContent()).toContain("Disabled");
    await row.getByRole("button", { name: `Enable ${seller.username}` }).click();
    await expect.poll(() => row.textContent()).toContain("Active");
    await row.getByRole("button", { name: `Reset password ${seller.username}` }).click();
    const reset = page.getByRole("dialog", { name: `Reset the password of ${seller.username}` });
    await reset.getByLabel("New password").fill("short");
    await reset.getByRole("button", { name: "Reset password" }).click();
    await reset.getByRole("alert").waitFor();
    await reset.getByLabel("New password").fill(seller.password);
    await reset.getByRole("button", { name: "Reset password" }).click();
    await page.getByText(`The password of ${seller.username} was reset`).waitFor();

    // A role that reads, creates and changes only its own customers, without their phone.
    await openAdmin(page, "Roles");
    await page.getByRole("button", { name: "New role" }).click();
    const roleForm = page.getByRole("form", { name: "New role" });
    await roleForm.getByLabel("Key").fill("browser_own");
    await roleForm.getByLabel("Name", { exact: true }).fill("Own customers");
    for (const action of ["Read", "Create", "Update"])
      await roleForm.getByLabel(`Customers: ${action}`, { exact: true }).check();
    await roleForm.getByLabel("Customers: Scope").selectOption({ label: "Own records" });
    await roleForm.getByRole("button", { name: "Customers: Field rules" }).click();
    await roleForm.getByLabel("Customers › Phone", { exact: true }).selectOption("hidden");
    expect(await unnamedControls(page)).toEqual([]);
    // Without its module the entity cannot show: the server says so, and where.
    await roleForm.getByLabel("Show module Customers").uncheck();
    await roleForm.getByRole("button", { name: "Save" }).click();
    const refused = roleForm.getByRole("alert");
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/Customers: entity "customer" belongs to module/);
    await roleForm.getByLabel("Show module Customers").check();
    await roleForm.getByRole("button", { name: "Save" }).click();
    await page.getByText("Role Own customers was saved").waitFor();

    // Given to the user.
    await openAdmin(page, "Users");
    await page.getByLabel("Search users").fill("seller");
    await expect.poll(() => page.locator(".admin-table tbody tr").count()).toBe(1);
    await page.getByRole("button", { name: `Edit ${seller.username}` }).click();
    const editForm = page.getByRole("form", { name: `Edit user ${seller.username}` });
    await editForm.getByLabel("Own customers").check();
    await editForm.getByRole("button", { name: "Save" }).click();
    await page.getByText(`User ${seller.username} was saved.`).waitFor();
    await expect.poll(() => row.textContent()).toContain("Own customers");

    // The user's own customer (made through the API as them), and one they cannot see.
    const sellerCookie = await logInApi(seller);
    const own = await fetch(`${baseUrl()}/api/data/customer`, {
      method: "POST",
      headers: { cookie: sellerCookie, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Seller's own customer" }),
    });
    expect(own.status, await own.clone().text()).toBe(201);

    // Logged in as the user: only their record, and no phone anywhere.
    const as = await newPage(browser);
    await logIn(as.page, seller);
    await expectSellerView(as.page);
    expect(as.problems).toEqual([]);
    await as.context.close();

    // "View as" the user from the admin's own session: the same, read-only.
    await openAdmin(page, "Users");
    await page.getByRole("button", { name: `View as ${seller.username}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Viewing as Seller Browser — read-only" })
      .waitFor();
    await expectSellerView(page);
    expect(await page.getByRole("button", { name: "Edit", exact: true }).isVisible()).toBe(false);
    // A write reached by its address is refused, not done as the admin.
    await page.evaluate(() => {
      history.pushState(null, "", "/e/customer/new");
      dispatchEvent(new PopStateEvent("popstate"));
    });
    await page.getByLabel("Company name").fill("Written in a preview");
    await page.getByLabel("Company name").press("Enter");
    await page.getByRole("alert").filter({ hasText: "read-only" }).waitFor();
    await page.getByRole("button", { name: "Exit preview" }).click();
    await page.getByRole("heading", { name: "Users", level: 1 }).waitFor();

    // "Why" on a customer the user cannot see.
    const api = await adminApi();
    const written = await api("GET", "/api/data/customer?q=Written%20in%20a%20preview");
    expect(written.body.total).toBe(0);
    const others = await api(
      "GET",
      `/api/data/customer?limit=1&filter=${encodeURIComponent(
        JSON.stringify({ field: "name", op: "ne", value: "Seller's own customer" }),
      )}`,
    );
    expect(others.status, JSON.stringify(others.body)).toBe(200);
    const hidden = others.body.items[0] as { id: string; name: string };
    await page.goto(`/e/customer/${hidden.id}`);
    await page.getByRole("button", { name: "Who can see this record?" }).click();
    await page
      .getByLabel("User", { exact: true })
      .selectOption({ label: `Seller Browser (${seller.username})` });
    await page.getByRole("button", { name: "Explain" }).click();
    const answer = page.locator(".why-answer");
    await answer.waitFor();
    expect(await answer.locator("dd").first().textContent()).toBe("No");
    expect(await answer.textContent()).toMatch(/only their own records, and this one belongs to/);
    expect(await unnamedControls(page)).toEqual([]);

    // The audit trail lists each of these changes, with what changed.
    await openAdmin(page, "Audit trail");
    const audited = [
      "Department created",
      "Department changed",
      "User created",
      "User changed",
      "Role created",
      "Viewed as",
    ];
    await page.getByLabel("Actions").selectOption(audited.map((label) => ({ label })));
    await page.getByRole("button", { name: "Apply filters" }).click();
    const entries = page.locator(".audit-table tbody tr");
    await expect
      .poll(async () => new Set(await entries.locator("td:nth-child(3)").allTextContents()))
      .toEqual(new Set(audited));
    const text = (await entries.allTextContents()).join("\n");
    expect(text).toMatch(/Department created.*Browser Sales/);
    expect(text).toMatch(/Department changed.*Browser Eastparent: Browser Sales → —/);
    expect(text).toMatch(/User created.*Seller Browser/);
    expect(text).toMatch(
      /Role created.*Own customers.*permissions\/entities\/customer\/fields\/phone: hidden/,
    );
    expect(text).toMatch(/User changed.*Seller Browserroles: — → Own customers/);
    expect(text).toMatch(/Viewed as.*seller\.admin/);
    // The export takes the same filters.
    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(href).toMatch(/^\/api\/admin\/audit\/export\?action=[a-z_%2C]*department_created/);
    const csv = await (await page.request.get(href!)).text();
    expect(csv).toContain("department_created");
    expect(csv).not.toContain("login");
    expect(await unnamedControls(page)).toEqual([]);

    expect(problems).toEqual([]);
  });

  it("shows the admin screens in Chinese, every control named", async () => {
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.getByLabel("Language").selectOption("zh-CN");
    const admin = page.getByRole("navigation", { name: "系统管理" });
    for (const [link, control] of [
      ["部门", "添加部门"],
      ["用户", "新建用户"],
      ["角色", "新建角色"],
      ["审计日志", "应用筛选"],
    ] as const) {
      await admin.getByRole("link", { name: link, exact: true }).click();
      await page.getByRole("heading", { name: link, level: 1 }).waitFor();
      await page.getByRole("button", { name: control }).click();
      expect(await unnamedControls(page)).toEqual([]);
    }
    await page.getByRole("cell", { name: "创建角色" }).first().waitFor();
    await admin.getByRole("link", { name: "角色", exact: true }).click();
    await page.getByRole("button", { name: "新建角色" }).click();
    await page.getByLabel("客户: 查看", { exact: true }).waitFor();
    expect(problems).toEqual([]);
  });
});
