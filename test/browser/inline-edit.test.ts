import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./support/admin-api.ts";
import { launchBrowser, logIn, newPage, searchList } from "./support/browser.ts";

/** The cell of `header`'s column in the row whose title is `title`. */
const cell = async (page: Page, title: string, header: string) => {
  const heads = (await page.locator("table.records thead th:not(.select-col)").allInnerTexts()).map(
    (h) => h.replace(/[▲▼]/g, "").trim(),
  );
  return page
    .locator("table.records tbody tr", {
      has: page.getByRole("link", { name: title, exact: true }),
    })
    .locator("td:not(.select-col)")
    .nth(heads.indexOf(header));
};

describe("editing in the grid", () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  // The admin's column choice is theirs to keep: the list test expects the default columns.
  afterAll(async () => {
    await (
      await adminApi()
    )("DELETE", "/api/prefs/list.customer.columns");
    await close();
  });

  it("edits a cell in place: the form's validation on the cell, then a good save with If-Match", async () => {
    const admin = await adminApi();
    const made = await admin("POST", "/api/data/customer", {
      name: "Inliney Ltd",
      phone: "0571-8000 0001",
      email: "old@inliney.test",
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const { page, problems } = await newPage(browser);
    await logIn(page);
    await searchList(page, "Inliney");
    await page.getByRole("button", { name: "Columns" }).click();
    await page.getByRole("checkbox", { name: "E-mail" }).check();
    await page.keyboard.press("Escape");

    // A value the field's rules refuse: the error shows on that cell, nothing is sent.
    const email = await cell(page, "Inliney Ltd", "E-mail");
    await email.dblclick();
    const input = page.getByLabel("Edit E-mail");
    await input.fill("not an email");
    await input.press("Enter");
    await expect.poll(() => email.locator(".cell-error").innerText()).toBe("is not valid here");
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    expect((await admin("GET", `/api/data/customer/${made.body.id}`)).body.email).toBe(
      "old@inliney.test",
    );
    // Escape gives up; the old value is back.
    await input.press("Escape");
    await expect.poll(() => email.innerText()).toBe("old@inliney.test");

    // Keyboard: the focused cell moves with the arrows, Enter edits, Enter saves.
    const phone = await cell(page, "Inliney Ltd", "Phone");
    await email.focus();
    const columns = (
      await page.locator("table.records thead th:not(.select-col)").allInnerTexts()
    ).map((h) => h.replace(/[▲▼]/g, "").trim());
    for (let i = columns.indexOf("E-mail"); i > columns.indexOf("Phone"); i--)
      await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    await page.getByLabel("Edit Phone").fill("0571-8000 0002");
    await page.keyboard.press("Enter");
    await expect.poll(() => phone.innerText()).toBe("0571-8000 0002");
    const saved = (await admin("GET", `/api/data/customer/${made.body.id}`)).body;
    expect(saved.phone).toBe("0571-8000 0002");
    expect(saved.version).toBe(made.body.version + 1);

    // Someone else saves in between: the row's version is stale, the cell offers a reload.
    await admin(
      "PATCH",
      `/api/data/customer/${made.body.id}`,
      { phone: "0571-8000 0003" },
      {
        "If-Match": `"${saved.version}"`,
      },
    );
    await phone.dblclick();
    await page.getByLabel("Edit Phone").fill("0571-8000 0004");
    await page.keyboard.press("Enter");
    await phone.getByText("Someone saved this record in between.").waitFor();
    await phone.getByRole("button", { name: "Reload row" }).click();
    await expect.poll(() => phone.innerText()).toBe("0571-8000 0003");
    expect(problems).toEqual([]);
  });

  it("offers no editing in the grid once the company turns the option off", async () => {
    const admin = await adminApi();
    const made = await admin("POST", "/api/data/customer", {
      name: "Offline Ltd",
      phone: "0571-8000 0005",
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const off = await admin("PATCH", "/api/admin/options", { inlineEdit: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    try {
      const { page, problems } = await newPage(browser);
      await logIn(page);
      await searchList(page, "Offline");
      const phone = await cell(page, "Offline Ltd", "Phone");
      await phone.dblclick();
      await page.keyboard.press("F2");
      // With the option on, the editor opens within the same event: give it a frame anyway.
      await page.waitForTimeout(100);
      expect(await page.getByLabel("Edit Phone").count()).toBe(0);
      expect(await phone.innerText()).toBe("0571-8000 0005");
      expect(problems).toEqual([]);
    } finally {
      expect((await admin("PATCH", "/api/admin/options", { inlineEdit: true })).status).toBe(200);
    }
  });
});
