import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineModules } from "../../engine/engine-modules.ts";
import { verbatim } from "../../engine/i18n/text.ts";
import { withServices } from "../../engine/module-services.ts";
import type { EngineModule } from "../../engine/modules/engine-module.ts";
import { ModuleSet } from "../../engine/modules/module-set.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import { launchBrowser, logIn, newPage, screenshot, unnamedControls } from "./support/browser.ts";

/** Whether the test's gateway answers yet: the job fails until the test mends it. */
let mended = false;

/** A module of this test only, with a job that fails until mended, and is not retried by itself. */
const syncModule: EngineModule = {
  key: "x_sync",
  label: verbatim("Sync"),
  description: verbatim("A job that fails until the gateway is mended."),
  version: "1.0.0",
  dependsOn: ["core"],
  jobs: [
    {
      name: "push",
      retryLimit: 0,
      async run() {
        if (!mended) throw new Error("the gateway said no");
      },
    },
  ],
};

/**
 * The browser suite's engine runs `npm start`, whose modules have no job that
 * fails on demand: this file serves an engine of its own, in this process,
 * with the module above (and the built UI, as `npm start` serves it).
 */
describe("the admin's Jobs screen", () => {
  let engine: TestEngine;
  let server: ServerType;
  let browser: Browser;
  let close: () => Promise<void>;
  let baseURL: string;
  let company: string;
  beforeAll(async () => {
    engine = await testEngine({ modules: new ModuleSet([...engineModules, syncModule]) });
    company = (await testCompany(engine, "jobs")).slug;
    await engine.deps.jobs.start(withServices(engine.deps));
    server = serve({ fetch: engine.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => {
    await close();
    server.close();
    await engine.deps.jobs.stop();
  });

  it("shows a failed job with its error, and runs it again on Retry", async () => {
    await engine.deps.jobs.send(company, "x_sync.push", { order: "SO-1" });
    const { page, problems } = await newPage(browser, "en", { baseURL });
    await logIn(page, { company, username: "admin", password: "admin-password-1" });
    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Jobs" })
      .click();
    await page.getByRole("heading", { name: "Jobs", level: 1 }).waitFor();
    await page.getByLabel("State").selectOption("failed");
    const row = page.getByRole("row").filter({ hasText: "x_sync.push" });
    // The worker polls twice a second: the job fails within moments of being queued.
    await expect
      .poll(
        async () => {
          await page.getByRole("button", { name: "Reload" }).click();
          return row.count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    const cells = await row.getByRole("cell").allTextContents();
    expect(cells.slice(0, 5)).toEqual([
      "x_sync.push",
      "order: SO-1",
      "Failed",
      "1 / 1",
      "the gateway said no",
    ]);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshot(page, "admin-jobs");

    mended = true;
    await row.getByRole("button", { name: "Retry x_sync.push" }).click();
    await page.getByRole("status").filter({ hasText: "x_sync.push is queued again." }).waitFor();
    await page.getByLabel("State").selectOption("completed");
    await expect
      .poll(
        async () => {
          await page.getByRole("button", { name: "Reload" }).click();
          return row.getByRole("cell").nth(2).textContent();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe("Completed");
    await page.getByLabel("State").selectOption("failed");
    await page.getByText("No jobs.").waitFor();
    expect(problems).toEqual([]);
  });
});
