import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineModules } from "../../engine/engine-modules.ts";
import { verbatim } from "../../engine/i18n/text.ts";
import type { EngineModule } from "../../engine/modules/engine-module.ts";
import { ModuleSet } from "../../engine/modules/module-set.ts";
import { withServices } from "../../engine/module-services.ts";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import { waitFor } from "../support/wait-for.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/** A module of the tests only: a table, and a job that writes to it or fails as asked. */
const remindModule: EngineModule = {
  key: "x_remind",
  label: verbatim("Reminders"),
  description: verbatim("A job that writes a row."),
  version: "1.0.0",
  dependsOn: ["core"],
  switchable: true,
  companyMigrations: [
    {
      name: "001-reminders",
      up: (tx, { schema }) =>
        sql`create table ${sql.id(schema, "sys_x_remind")} ("text" text not null, "try" integer not null)`
          .execute(tx)
          .then(() => {}),
    },
  ],
  jobs: [
    {
      name: "note",
      retryLimit: 1,
      retryDelaySeconds: 1,
      async run({ company, data, retry, deps }) {
        if (data.fail === true) throw new Error(`the gateway said no (try ${retry})`);
        await deps.database.db
          .insertInto(`${company.schema}.sys_x_remind`)
          .values({ text: String(data.text), try: retry })
          .execute();
      },
    },
  ],
};

describe("jobs queued by a module", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let b: TestCompany;
  const notes = (company: TestCompany) =>
    engine.deps.database.db
      .selectFrom(`co_${company.slug}.sys_x_remind`)
      .select(["text", "try"])
      .execute();

  beforeAll(async () => {
    engine = await testEngine({ modules: new ModuleSet([...engineModules, remindModule]) });
    a = await testCompany(engine, "joba");
    b = await testCompany(engine, "jobb");
    await engine.deps.jobs.start(withServices(engine.deps));
  });
  afterAll(() => engine.deps.jobs.stop());

  it("runs a job for the company it was queued for, and no other", async () => {
    await engine.deps.jobs.send(a.slug, "x_remind.note", { text: "回访客户" });
    const rows = await waitFor(async () => {
      const found = await notes(a);
      return found.length > 0 ? found : undefined;
    });
    expect(rows).toEqual([{ text: "回访客户", try: 0 }]);
    expect(await notes(b)).toEqual([]);
    const list = await a.admin.get("/api/admin/jobs?state=completed");
    expect(list.status, list.text).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      name: "x_remind.note",
      state: "completed",
      error: null,
    });
    expect((await b.admin.get("/api/admin/jobs")).body).toEqual({ items: [], total: 0 });
  });

  it("retries a failing job, then shows it failed with why to the company's admins only", async () => {
    const id = await engine.deps.jobs.send(a.slug, "x_remind.note", { fail: true });
    const failed = await waitFor(async () => {
      const res = await a.admin.get("/api/admin/jobs?state=failed");
      return res.body.items.find((j: { id: string }) => j.id === id);
    }, 30);
    expect(failed).toMatchObject({
      name: "x_remind.note",
      state: "failed",
      retries: 1,
      retryLimit: 1,
      error: "the gateway said no (try 1)",
    });
    expect((await b.admin.get("/api/admin/jobs?state=failed")).body.items).toEqual([]);
    expect((await b.admin.post(`/api/admin/jobs/${id}/retry`, {})).status).toBe(404);
    await addStaffUser(engine, a.slug, "clerk", "clerk-password-1");
    const clerk = new TestClient(engine.app);
    await clerk.login(a.slug, "clerk", "clerk-password-1");
    expect((await clerk.get("/api/admin/jobs")).status).toBe(403);

    const again = await a.admin.post(`/api/admin/jobs/${id}/retry`, {});
    expect(again.status, again.text).toBe(204);
    const retried = await a.admin.get("/api/admin/jobs");
    expect(retried.body.items.find((j: { id: string }) => j.id === id).state).not.toBe("failed");
  });

  it("refuses a bad state, id or page with the field that is wrong", async () => {
    const state = await a.admin.get("/api/admin/jobs?state=lost");
    expect(state.status).toBe(400);
    expect(state.body.error.details.fields[0].field).toBe("state");
    expect((await a.admin.get("/api/admin/jobs?limit=0")).status).toBe(400);
    expect((await a.admin.post("/api/admin/jobs/not-an-id/retry", {})).status).toBe(404);
  });

  it("skips a company's job while the company has the module off", async () => {
    const off = await b.admin.patch("/api/admin/modules/x_remind", { on: false });
    expect(off.status, off.text).toBe(200);
    const id = await engine.deps.jobs.send(b.slug, "x_remind.note", { text: "off" });
    await waitFor(async () => {
      const rows = await engine.deps.database.db
        .selectFrom("pgboss.job")
        .select("state")
        .where("id", "=", id)
        .execute();
      return rows[0]?.state === "completed" ? true : undefined;
    });
    expect(await notes(b)).toEqual([]);
  });
});
