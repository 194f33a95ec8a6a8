/**
 * Rendering in Chromium: the time to show a list of 50 rows and a form of 30
 * fields, median of N runs, against the 100 ms target.
 *
 * Starts the engine as `npm start` does (the build when its sources changed,
 * embedded database, demo company), adds custom
 * text fields to `customer` through the admin API until its form has 30,
 * logs in with playwright-core and /usr/bin/chromium, then in the page:
 *
 * - list: from the moment the list's answer has been read (a wrapped
 *   Response.text) to the frame after its 50 rows are in the table — the UI's
 *   own work; the figure from the click (request and server included) is
 *   printed too;
 * - form: from the click on "New" to the frame after the 30 fields are in
 *   the form (no request in between besides a small session check).
 *
 *   npx tsx bench/ui-render.ts   BENCH_RUNS=15
 */
import { chromium, type Page } from "playwright-core";
import { startEngine } from "../test/browser/support/start-engine.ts";

const runs = Number(process.env.BENCH_RUNS ?? 15);
const target = 100;
const admin = { company: "demo", username: "admin", password: "demo-admin-2026" };

const engine = await startEngine();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    baseURL: engine.url,
  });
  await page.addInitScript(() => {
    localStorage.setItem("metacrm.locale", "en");
    // When the list's answer was read: the UI's rendering starts there.
    const text = Response.prototype.text;
    Response.prototype.text = async function (this: Response) {
      const body = await text.call(this);
      if (/\/api\/data\/customer\?/.test(this.url))
        (window as unknown as { listRead: number }).listRead = performance.now();
      return body;
    };
  });
  await page.goto("/login");
  await page.getByLabel("Company").fill(admin.company);
  await page.getByLabel("Username").fill(admin.username);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("table.records tbody tr").nth(49).waitFor();

  const fields = await addFieldsUpTo(page, 30);
  const list: { render: number; total: number }[] = [];
  const form: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page
      .getByRole("navigation", { name: "Main menu" })
      .getByRole("link", { name: "Contacts" })
      .click();
    await page.getByRole("heading", { name: "Contacts", level: 1 }).waitFor();
    list.push(await timeList(page));
    form.push(await timeForm(page, fields));
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("heading", { name: "Customers", level: 1 }).waitFor();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const verdict = (ms: number) =>
    `${ms.toFixed(1)} ms (target < ${target} ms: ${ms < target ? "met" : "MISSED"})`;
  console.log(`runs: ${runs}, Chromium headless, 1280×800`);
  console.log(
    `list of 50 rows, answer read → painted: median ${verdict(median(list.map((l) => l.render)))}`,
  );
  console.log(
    `list of 50 rows, click → painted (request included): median ${median(list.map((l) => l.total)).toFixed(1)} ms`,
  );
  console.log(`form of ${fields} fields, click on New → painted: median ${verdict(median(form))}`);
} finally {
  await browser.close();
  await engine.stop();
}

/** Adds text fields to customer until its form has `count`; returns the form's field count. */
async function addFieldsUpTo(page: Page, count: number): Promise<number> {
  const meta = (await (await page.request.get("/api/meta")).json()) as {
    entities: { customer: { fields: Record<string, unknown> } };
  };
  const have = Object.keys(meta.entities.customer.fields).length;
  for (let i = have; i < count; i++) {
    const res = await page.request.post("/api/admin/entities/customer/fields", {
      data: {
        key: `x_bench${i}`,
        type: "text",
        maxLength: 40,
        labels: { en: `Bench ${i}`, "zh-CN": `测试 ${i}` },
      },
    });
    if (!res.ok()) throw new Error(`adding a field: ${res.status()} ${await res.text()}`);
  }
  await page.reload();
  await page.getByRole("heading", { level: 1 }).waitFor();
  return Math.max(have, count);
}

/** Click on Customers → 50 rows painted; and the share after the answer was read. */
function timeList(page: Page): Promise<{ render: number; total: number }> {
  return page.evaluate(
    () =>
      new Promise<{ render: number; total: number }>((resolve) => {
        const w = window as unknown as { listRead: number };
        w.listRead = 0;
        const link = [...document.querySelectorAll<HTMLAnchorElement>("nav a")].find(
          (a) => a.textContent === "Customers",
        )!;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (w.listRead && document.querySelectorAll("table.records tbody tr a").length >= 50) {
            observer.disconnect();
            requestAnimationFrame(() =>
              setTimeout(() => {
                const end = performance.now();
                resolve({ render: end - w.listRead, total: end - start });
              }),
            );
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        link.click();
      }),
  );
}

/** Click on New → the form's `fields` fields painted. */
function timeForm(page: Page, fields: number): Promise<number> {
  return page.evaluate(
    (count) =>
      new Promise<number>((resolve) => {
        const button = [
          ...document.querySelectorAll<HTMLButtonElement>(".page-header button"),
        ].find((b) => b.textContent === "New")!;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll(".form-page .field").length >= count) {
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        button.click();
      }),
    fields,
  );
}
