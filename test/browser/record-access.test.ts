import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { apiAs } from "./support/api-as.ts";
import { launchBrowser, logIn, newPage, searchList, unnamedControls } from "./support/browser.ts";

/**
 * A record's page (issue 12): its history tab in the user's language, assign
 * with its related records (and the batch dialog's same choice), shares with
 * a department and its sub-departments, and a contact picker narrowed by the
 * activity's customer.
 */

type Api = Awaited<ReturnType<typeof adminApi>>;

async function made(api: Api, entity: string, body: Record<string, unknown>): Promise<string> {
  const res = await api("POST", `/api/data/${entity}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function colleague(api: Api, username: string, extra: Record<string, unknown> = {}) {
  const res = await api("POST", "/api/admin/users", {
    username,
    password: `${username}-password-1`,
    displayName: username,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Picks a colleague or department in an open dialog's person picker. */
async function pickPerson(page: Page, label: string, find: string, option: string) {
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Find a person…").fill(find);
  const choice = dialog.getByLabel(label).locator("option", { hasText: option });
  await choice.first().waitFor({ state: "attached" });
  await dialog.getByLabel(label).selectOption((await choice.first().getAttribute("value"))!);
}

describe("a record's page: history, assign, share, and narrowed pickers", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let api: Api;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
    api = await adminApi();
  });
  afterAll(() => close());

  it("shows the history tab with field and option labels in the user's language", async () => {
    const id = await made(api, "customer", { name: "历史浏览器测试有限公司", quality: "B" });
    const version = (await api("GET", `/api/data/customer/${id}`)).body.version as number;
    const patched = await api(
      "PATCH",
      `/api/data/customer/${id}`,
      { quality: "A", city: "宁波" },
      { "If-Match": `"${version}"` },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.getByLabel("Language").selectOption("zh-CN");
    await page.goto(`/e/customer/${id}`);
    const tabs = page.getByRole("tablist", { name: "记录视图" });
    await tabs.waitFor();
    expect(await tabs.getByRole("tab", { name: "详情" }).getAttribute("aria-selected")).toBe(
      "true",
    );
    // Arrow keys move between the tabs and show the panel.
    await tabs.getByRole("tab", { name: "详情" }).focus();
    await page.keyboard.press("ArrowRight");
    const panel = page.getByRole("tabpanel", { name: "变更历史" });
    await panel.waitFor();
    const entries = panel.locator("ol.history > li");
    await expect.poll(() => entries.count()).toBe(2);
    const changed = entries.first();
    expect(await changed.locator("p strong").innerText()).toBe("管理员 修改了记录");
    const row = (field: string) => changed.getByRole("row", { name: new RegExp(`^${field}`) });
    expect(await row("客户质量").locator("td").allInnerTexts()).toEqual([
      "B 级（良好）",
      "A 级（优质）",
    ]);
    expect(await row("城市").locator("td").allInnerTexts()).toEqual(["—", "宁波"]);
    // The create lists what it set, with the owner's name.
    const created = entries.nth(1);
    expect(await created.locator("p strong").innerText()).toBe("管理员 创建了记录");
    expect(await created.getByRole("row", { name: /^客户名称/ }).innerText()).toContain(
      "历史浏览器测试有限公司",
    );
    expect(await created.getByRole("row", { name: /^负责人/ }).innerText()).toContain("管理员");
    expect(await unnamedControls(page)).toEqual([]);
    // Back to the details.
    await tabs.getByRole("tab", { name: "详情" }).click();
    await page.getByRole("heading", { name: "记录信息" }).waitFor();
    expect(problems).toEqual([]);
  });

  it("assigns a customer with its related records from its page, and says how many went along", async () => {
    const newOwner = await colleague(api, "related.owner");
    const customer = await made(api, "customer", { name: "Relatedco Browser" });
    const contacts = [
      await made(api, "contact", { customer, name: "Rita Related" }),
      await made(api, "contact", { customer, name: "Rolf Related" }),
    ];
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.goto(`/e/customer/${customer}`);
    await page.getByRole("button", { name: "Assign…" }).click();
    const dialog = page.getByRole("dialog", { name: "Give this record a new owner" });
    await dialog.waitFor();
    expect(await dialog.getByLabel("With its related records").isChecked()).toBe(true);
    await pickPerson(page, "New owner", "related.owner", "related.owner");
    expect(await unnamedControls(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("status").getByText("Reassigned. 2 related records went along.").waitFor();
    for (const id of contacts)
      expect((await api("GET", `/api/data/contact/${id}`)).body.owner).toBe(newOwner);
    // The page shows the new owner.
    await expect
      .poll(() => page.locator(".field", { hasText: "Owner" }).first().locator("dd").innerText())
      .toBe("related.owner");
    // The history tab shows the reassignment with the related count.
    await page.getByRole("tab", { name: "History" }).click();
    await page
      .getByRole("tabpanel", { name: "History" })
      .getByText("2 related records went along")
      .waitFor();
    expect(problems).toEqual([]);
  });

  it("the batch assign dialog offers the same choice, and unticked leaves related records", async () => {
    const owner = await colleague(api, "batchrel.owner");
    const customer = await made(api, "customer", { name: "Batchrel Browser" });
    const contact = await made(api, "contact", { customer, name: "Bea Batchrel" });
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
    await searchList(page, "Batchrel Browser");
    await page.getByLabel("Select all rows of this page").check();
    await page.getByRole("button", { name: "Assign…" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.getByLabel("With its related records").isChecked()).toBe(true);
    await dialog.getByLabel("With its related records").uncheck();
    await pickPerson(page, "New owner", "batchrel.owner", "batchrel.owner");
    await dialog.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("dialog").getByRole("heading", { name: "1 done, 0 refused" }).waitFor();
    expect((await api("GET", `/api/data/customer/${customer}`)).body.owner).toBe(owner);
    expect((await api("GET", `/api/data/contact/${contact}`)).body.owner).not.toBe(owner);
    expect(problems).toEqual([]);
  });

  it("shares with a department and its sub-departments, then stops sharing", async () => {
    const parent = await api("POST", "/api/admin/departments", { name: "Share Tree Top" });
    const child = await api("POST", "/api/admin/departments", {
      name: "Share Tree Leaf",
      parent: parent.body.id,
    });
    const role = await api("POST", "/api/admin/roles", {
      key: "share_tree_reader",
      name: "Share tree reader",
      permissions: {
        modules: ["crm"],
        entities: { customer: { actions: ["read"], scope: "own" } },
      },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    await colleague(api, "share.leaf", { department: child.body.id, roles: [role.body.id] });
    const leaf = await apiAs({
      company: "demo",
      username: "share.leaf",
      password: "share.leaf-password-1",
    });
    const customer = await made(api, "customer", { name: "Sharetree Browser" });
    expect((await leaf("GET", `/api/data/customer/${customer}`)).status).toBe(404);

    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.goto(`/e/customer/${customer}`);
    await page.getByRole("button", { name: "Share…" }).click();
    const dialog = page.getByRole("dialog", { name: "Who else sees this record" });
    await dialog.getByText("Not shared with anyone.").waitFor();
    const sub = dialog.getByLabel("And its sub-departments");
    expect(await sub.isDisabled()).toBe(true);
    await dialog.getByLabel("Share with").selectOption({ label: "Share Tree Top" });
    expect(await sub.isDisabled()).toBe(false);
    await sub.check();
    await dialog.getByRole("button", { name: "Share", exact: true }).click();
    await dialog.getByText("and its sub-departments · Read").waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    expect((await leaf("GET", `/api/data/customer/${customer}`)).status).toBe(200);
    await dialog.getByRole("button", { name: "Stop sharing with Share Tree Top" }).click();
    await dialog.getByText("Not shared with anyone.").waitFor();
    expect((await leaf("GET", `/api/data/customer/${customer}`)).status).toBe(404);
    await dialog.getByRole("button", { name: "Close" }).click();
    expect(problems).toEqual([]);
  });

  it("offers only the activity's customer's contacts, and forgets the contact when the customer changes", async () => {
    const a = await made(api, "customer", { name: "Pickco Alpha" });
    const b = await made(api, "customer", { name: "Pickco Beta" });
    await made(api, "contact", { customer: a, name: "Ann Pickalpha" });
    await made(api, "contact", { customer: b, name: "Bob Pickbeta" });
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page.goto(`/e/activity/new?customer=${a}`);
    await page.getByRole("heading", { name: "New Activity" }).waitFor();
    const customer = page.getByRole("combobox", { name: "Customer" });
    await expect.poll(() => customer.inputValue()).toBe("Pickco Alpha");
    const contact = page.getByRole("combobox", { name: "Contact" });
    const contactOptions = page.getByRole("listbox", { name: "Contact" }).getByRole("option");
    await contact.fill("Pick");
    await expect.poll(() => contactOptions.allTextContents()).toEqual(["Ann Pickalpha"]);
    await contact.press("Enter");
    expect(await contact.inputValue()).toBe("Ann Pickalpha");

    await customer.fill("Pickco Beta");
    const customerOptions = page.getByRole("listbox", { name: "Customer" }).getByRole("option");
    await expect.poll(() => customerOptions.allTextContents()).toEqual(["Pickco Beta"]);
    await customer.press("Enter");
    await expect.poll(() => contact.inputValue()).toBe("");
    await contact.fill("Pick");
    await expect.poll(() => contactOptions.allTextContents()).toEqual(["Bob Pickbeta"]);
    expect(problems).toEqual([]);
  });
});
