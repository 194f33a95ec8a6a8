import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withServices } from "../../../engine/module-services.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../../../test/support/test-engine.ts";
import { waitFor } from "../../../test/support/wait-for.ts";

/** The pluginname plugin through the API, as a company that switched it on uses it. */
describe("the pluginname plugin", () => {
  let engine: TestEngine;
  let company: TestCompany;
  let customer: string;

  beforeAll(async () => {
    engine = await testEngine();
    company = await testCompany(engine, "pluginname");
    // Its users work in Chinese: the plugin's refusals come in its own translation (texts/zh-CN.json).
    company.admin.language = "zh-CN";
    const on = await company.admin.patch("/api/admin/modules/pluginname", { on: true });
    expect(on.status, on.text).toBe(200);
    const made = await company.admin.post("/api/data/customer", { name: "杭州西湖贸易有限公司" });
    expect(made.status, made.text).toBe(201);
    customer = made.body.id;
    await engine.deps.jobs.start(withServices(engine.deps));
  });
  afterAll(() => engine.deps.jobs.stop());

  it("keeps notes on customers, their titles trimmed, a title too short refused on its field", async () => {
    const note = await company.admin.post("/api/data/x_pluginname_note", {
      customer,
      title: "  回访报价  ",
    });
    expect(note.status, note.text).toBe(201);
    expect(note.body).toMatchObject({ title: "回访报价", done: false });
    const refused = await company.admin.post("/api/data/x_pluginname_note", {
      customer,
      title: " x ",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([
      { field: "title", rule: "refused", message: "备注标题至少需要 2 个字" },
    ]);
  });

  it("counts the open notes in its job, and says so on its route", async () => {
    const before = await company.admin.get("/api/x/pluginname/summary");
    expect(before.status, before.text).toBe(200);
    expect(before.body).toEqual({ openNotes: 1, lastTally: null });
    const queued = await company.admin.post("/api/x/pluginname/tally", {});
    expect(queued.status, queued.text).toBe(202);
    const counted = await waitFor(async () => {
      const { lastTally } = (await company.admin.get("/api/x/pluginname/summary")).body;
      return lastTally ?? undefined;
    });
    expect(counted.openNotes).toBe(1);
  });

  it("has its screens loaded, and its widget on the note's title", async () => {
    const { body } = await company.admin.get("/api/meta");
    expect(body.plugins).toContain("pluginname");
    expect(body.entities.x_pluginname_note.form.title).toEqual({
      "ui:widget": "pluginname.counted",
    });
  });

  it("is not there for a company that has not switched it on", async () => {
    const other = await testCompany(engine, "pluginname");
    expect((await other.admin.get("/api/meta")).body.plugins).not.toContain("pluginname");
    expect((await other.admin.get("/api/x/pluginname/summary")).status).toBe(404);
    expect((await other.admin.get("/api/data/x_pluginname_note")).status).toBe(404);
  });
});
