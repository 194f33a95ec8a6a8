import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage } from "./support/browser.ts";

/**
 * An option an admin removed while records hold it is retired: the record
 * holding it still shows and keeps it in its picker, and a new record's
 * picker leaves it out.
 */
describe("a retired option in the pickers", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let page: Page;
  let problems: string[];
  let holder = "";

  beforeAll(async () => {
    const api = await adminApi();
    const added = await api("POST", "/api/admin/entities/product/fields", {
      key: "x_guard_stage",
      type: "enum",
      options: ["fresh", "stale", "gone"],
      labels: { en: "Guard stage" },
    });
    expect(added.status).toBe(201);
    const created = await api("POST", "/api/data/product", {
      code: `RET-${Date.now()}`,
      name: "Retired option holder",
      x_guard_stage: "gone",
    });
    expect(created.status).toBe(201);
    holder = created.body.id;
    const retired = await api("PATCH", "/api/admin/entities/product/fields/x_guard_stage", {
      options: ["fresh", "stale"],
    });
    expect(retired.body.optionsInUse).toEqual([{ option: "gone", records: 1 }]);
    ({ browser, close } = await launchBrowser());
    ({ page, problems } = await newPage(browser));
    await logIn(page);
  });
  afterAll(async () => {
    // Other files of the suite read the demo's product as shipped: the field hidden, its data kept.
    const api = await adminApi();
    await api("PATCH", "/api/admin/entities/product/fields/x_guard_stage", { hidden: true });
    await close();
  });

  const choices = () => page.getByLabel("Guard stage").locator("option").allTextContents();

  it("keeps it on the record that holds it and leaves it out of a new record", async () => {
    await page.goto(`/e/product/${holder}/edit`);
    await expect.poll(() => page.getByLabel("Guard stage").inputValue()).toBe("gone");
    // After the empty choice.
    expect((await choices()).slice(1)).toEqual(["fresh", "stale", "gone"]);

    await page.goto("/e/product/new");
    await page.getByLabel("Guard stage").waitFor();
    expect((await choices()).slice(1)).toEqual(["fresh", "stale"]);
    expect(problems).toEqual([]);
  });
});
