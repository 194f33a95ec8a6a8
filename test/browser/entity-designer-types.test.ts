import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage, unnamedControls } from "./support/browser.ts";

/** Opens "Add field" on the product's designer and names the new field in both languages. */
async function newField(page: Page, key: string, type: string, names: [string, string]) {
  await page.getByRole("button", { name: "Add field" }).click();
  const editor = page.getByRole("form", { name: "New field" });
  await editor.getByLabel("Key", { exact: true }).fill(key);
  await editor.getByLabel("Type", { exact: true }).selectOption({ label: type });
  await editor.getByLabel("Field name (中文)").fill(names[0]);
  await editor.getByLabel("Field name (English)").fill(names[1]);
  return editor;
}

async function save(page: Page, editor: Locator, name: string) {
  await editor.getByRole("button", { name: "Save" }).click();
  await page
    .getByRole("status")
    .filter({ hasText: `Field "${name}" was added.` })
    .waitFor();
}

describe("the entity designer's type options produce working fields", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => {
    // Other files of the suite read the demo's product as shipped: the new fields hidden, their data kept.
    const api = await adminApi();
    for (const field of ["x_margin", "x_stage", "x_supplier"])
      await api("PATCH", `/api/admin/entities/product/fields/${field}`, { hidden: true });
    await close();
  });

  it("adds a decimal, a choice and a reference to products, and a product uses them", async () => {
    const api = await adminApi();
    const supplier = await api("POST", "/api/data/customer", { name: "类型测试供应商有限公司" });
    expect(supplier.status, JSON.stringify(supplier.body)).toBe(201);
    const role = await api("POST", "/api/admin/roles", {
      key: "designer_catalogue",
      name: "Catalogue clerk",
      permissions: {
        modules: ["sales"],
        entities: { product: { actions: ["read"], scope: "all", fields: { code: "readOnly" } } },
      },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);

    const { page, problems } = await newPage(browser);
    await logIn(page);
    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Entities" })
      .click();
    await page.getByRole("table").getByRole("link", { name: "Product", exact: true }).click();
    await page.getByRole("heading", { name: "Entity: Product", level: 1 }).waitFor();

    // Decimal: a scale beyond the precision is refused, at the scale, in the server's words.
    const decimal = await newField(page, "x_margin", "Decimal number", ["毛利率", "Margin rate"]);
    await decimal.getByLabel("Precision (digits)").fill("6");
    await decimal.getByLabel("Scale (decimals)").fill("7");
    await decimal.getByLabel("Placeholder (English)").fill("e.g. 0.125");
    await decimal.getByLabel("Help text (English)").fill("The share of the price kept.");
    expect(await unnamedControls(page)).toEqual([]);
    await decimal.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => page.locator("#fd-scale-error").textContent())
      .toContain("scale must not exceed precision (6)");
    expect(await decimal.getByLabel("Scale (decimals)").getAttribute("aria-invalid")).toBe("true");
    await decimal.getByLabel("Scale (decimals)").fill("3");
    await save(page, decimal, "Margin rate");

    // Choice: options with keys checked as the engine checks them, named per language.
    const choice = await newField(page, "x_stage", "Choice", ["阶段", "Stage"]);
    await choice.getByLabel("New option key").fill("bad key");
    await choice.getByRole("button", { name: "Add option" }).click();
    await choice.getByRole("alert").filter({ hasText: "An option key is letters" }).waitFor();
    for (const [key, zh, en] of [
      ["new", "新品", "New in"],
      ["hot", "热销", "Selling well"],
    ] as const) {
      await choice.getByLabel("New option key").fill(key);
      await choice.getByLabel("New option key").press("Enter");
      await choice.getByLabel(`Option ${key} (中文)`).fill(zh);
      await choice.getByLabel(`Option ${key} (English)`).fill(en);
    }
    await save(page, choice, "Stage");

    // Reference: its target entity and what deleting the target does.
    const reference = await newField(page, "x_supplier", "Reference to a record", [
      "供应商",
      "Supplier",
    ]);
    await reference.getByLabel("Refers to").selectOption({ label: "Customer (customer)" });
    await reference
      .getByLabel("When the referred record is deleted")
      .selectOption({ label: "Empty this field" });
    await save(page, reference, "Supplier");

    // Where used: the layouts that name the code, and the role that makes it read-only.
    await page.getByRole("button", { name: "Edit Product code" }).click();
    const uses = page.getByRole("region", { name: "Where used" });
    await expect.poll(() => uses.textContent()).toContain('Role "Catalogue clerk": read-only');
    expect(await uses.textContent()).toContain("List column");
    await page.getByRole("button", { name: "Cancel" }).click();

    const designed = await api("GET", "/api/admin/entities/product");
    const definition = (key: string) =>
      designed.body.fields.find((f: { key: string }) => f.key === key).definition;
    expect(definition("x_margin")).toEqual({ type: "decimal", precision: 6, scale: 3 });
    expect(definition("x_stage")).toEqual({ type: "enum", options: ["new", "hot"] });
    expect(definition("x_supplier")).toEqual({
      type: "reference",
      entity: "customer",
      onDelete: "setNull",
    });

    // The admin's own next screen: a product with all three.
    await page
      .getByRole("navigation", { name: "Main menu" })
      .getByRole("link", { name: "Products" })
      .click();
    await page.getByRole("heading", { name: "Products", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New", exact: true }).click();
    await page.getByRole("heading", { name: "New Product" }).waitFor();
    await page.getByLabel("Product code").fill("DES-001");
    await page.getByLabel("Product name").fill("Designer test product");
    const margin = page.getByLabel("Margin rate");
    expect(await margin.getAttribute("placeholder")).toBe("e.g. 0.125");
    await page.getByText("The share of the price kept.").waitFor();
    await margin.fill("0.125");
    await page.getByLabel("Stage").selectOption({ label: "Selling well" });
    const picker = page.getByRole("combobox", { name: "Supplier" });
    await picker.fill("类型测试供应商");
    const options = page.getByRole("listbox", { name: "Supplier" }).getByRole("option");
    await expect.poll(() => options.allTextContents()).toEqual(["类型测试供应商有限公司"]);
    await picker.press("ArrowDown");
    await picker.press("Enter");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Product: Designer test product" }).waitFor();
    const shown = (label: string) =>
      page.locator(".field", { hasText: label }).locator("dd").textContent();
    expect(await shown("Margin rate")).toBe("0.125");
    expect(await shown("Stage")).toBe("Selling well");
    expect(await shown("Supplier")).toContain("类型测试供应商有限公司");
    expect(problems).toEqual([]);
  });
});
