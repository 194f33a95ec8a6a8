import { beforeAll, describe, expect, it } from "vitest";
import { engineModules } from "../../engine/engine-modules.ts";
import { verbatim } from "../../engine/i18n/text.ts";
import type { EngineModule } from "../../engine/modules/engine-module.ts";
import { ModuleSet } from "../../engine/modules/module-set.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/** Modules of the tests only: two with screens, one depending on the other, and one without. */
const plugin = (key: string, more: Partial<EngineModule> = {}): EngineModule => ({
  key,
  label: verbatim(key),
  description: verbatim("A plugin of the tests."),
  version: "1.0.0",
  dependsOn: ["core"],
  switchable: true,
  ...more,
});
const modules = [
  plugin("x_stamps", { uiContributions: true }),
  plugin("x_badges", { uiContributions: true, dependsOn: ["x_stamps"] }),
  plugin("x_quiet"),
];

describe("the plugins whose screens the UI loads (GET /api/meta → plugins)", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await testEngine({ modules: new ModuleSet([...engineModules, ...modules]) });
  });

  const pluginsOf = async (client: { get: (path: string) => Promise<{ body: any }> }) =>
    (await client.get("/api/meta")).body.plugins;

  it("names those the company has on that have screens, and follows the switches", async () => {
    const a = await testCompany(engine, "plga");
    const b = await testCompany(engine, "plgb");
    expect(await pluginsOf(a.admin)).toEqual(["x_stamps", "x_badges"]);

    expect((await a.admin.patch("/api/admin/modules/x_badges", { on: false })).status).toBe(200);
    expect(await pluginsOf(a.admin)).toEqual(["x_stamps"]);
    expect(await pluginsOf(b.admin)).toEqual(["x_stamps", "x_badges"]);

    // One that another uses goes off after it, not before.
    expect((await b.admin.patch("/api/admin/modules/x_stamps", { on: false })).status).toBe(409);
    expect((await b.admin.patch("/api/admin/modules/x_badges", { on: false })).status).toBe(200);
    expect((await b.admin.patch("/api/admin/modules/x_stamps", { on: false })).status).toBe(200);
    expect(await pluginsOf(b.admin)).toEqual([]);

    expect((await a.admin.patch("/api/admin/modules/x_badges", { on: true })).status).toBe(200);
    expect(await pluginsOf(a.admin)).toEqual(["x_stamps", "x_badges"]);
  });
});
