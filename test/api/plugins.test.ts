import { sql } from "kysely";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineModules } from "../../engine/engine-modules.ts";
import { withServices } from "../../engine/module-services.ts";
import { ModuleSet } from "../../engine/modules/module-set.ts";
import { loadPlugins, type LoadedPlugins } from "../../engine/plugins/load-plugins.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";
import { addStaffUser, everythingRole } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import { waitFor } from "../support/wait-for.ts";

const fixtureRoot = path.resolve(import.meta.dirname, "../fixtures/plugin-root");

/**
 * Plugins from a folder of the tests (test/fixtures/plugin-root/plugins):
 * `probe` tries each extension point and each wall; the others fail to load
 * in each way one can.
 */
describe("plugins", () => {
  let loaded: LoadedPlugins;
  let engine: TestEngine;
  let a: TestCompany;
  let b: TestCompany;
  const log = (company: TestCompany) =>
    engine.deps.database.db
      .selectFrom(`co_${company.slug}.x_probe_log`)
      .select(["what", "name"])
      .execute();
  const switchOn = async (company: TestCompany) => {
    const res = await company.admin.patch("/api/admin/modules/probe", { on: true });
    expect(res.status, res.text).toBe(200);
  };

  beforeAll(async () => {
    loaded = await loadPlugins(fixtureRoot, new Set(engineModules.map((m) => m.key)));
    engine = await testEngine({ modules: new ModuleSet([...engineModules, ...loaded.modules]) });
    a = await testCompany(engine, "pla");
    b = await testCompany(engine, "plb");
    await switchOn(a);
    await engine.deps.jobs.start(withServices(engine.deps));
  });
  afterAll(() => engine.deps.jobs.stop());

  it("loads the plugins that can load, and leaves off the others with why", () => {
    expect(loaded.modules.map((m) => m.key)).toEqual(["probe"]);
    const why = Object.fromEntries(loaded.failures.map((f) => [f.plugin, f.reason.toString()]));
    expect(why).toEqual({
      broken: expect.stringMatching(/server code failed to load: the broken plugin cannot start/),
      crm: expect.stringMatching(/"crm" is the name of an engine module/),
      oldapi: expect.stringMatching(
        /needs the engine's plugin API \^0\.1\.0; this engine offers 1\./,
      ),
      needy: expect.stringMatching(/depends on "nothing", which is not installed/),
      loopa: expect.stringMatching(/depends on itself through loopa → loopb → loopa/),
      loopb: expect.stringMatching(/depends on itself through loopa → loopb → loopa/),
    });
  });

  it("is off in every company until its admin switches it on", async () => {
    const modules = (await b.admin.get("/api/admin/modules")).body.items;
    expect(modules.find((m: { key: string }) => m.key === "probe")).toMatchObject({
      on: false,
      switchable: true,
      version: "1.2.0",
      label: "Probe",
      dependsOn: ["crm"],
    });
    expect((await b.admin.get("/api/x/probe/customers/count")).status).toBe(404);
    const created = await b.admin.post("/api/data/customer", { name: "禁止也无妨" });
    expect(created.status, "B has no probe: its hooks do not run there").toBe(201);
  });

  it("runs its routes under /api/x/<plugin> with a handle on the company's tables", async () => {
    await a.admin.post("/api/data/customer", { name: "甲一" });
    const res = await a.admin.get("/api/x/probe/customers/count");
    expect(res.status, res.text).toBe(200);
    expect(res.body.count).toBe(1);
  });

  it("lets a before-hook change the values, or refuse with a field error", async () => {
    const made = await a.admin.post("/api/data/customer", { name: "恒达贸易" });
    expect(made.status, made.text).toBe(201);
    expect(made.body.shortName).toBe("恒达");
    const refused = await a.admin.post("/api/data/customer", { name: "禁止的名字" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([
      { field: "name", rule: "refused", message: "this name is not allowed here" },
    ]);
  });

  it("runs after-hooks in the write's transaction: a failure there undoes the write", async () => {
    const before = (await a.admin.get("/api/x/probe/customers/count")).body.count;
    const failed = await a.admin.post("/api/data/customer", { name: "回滚客户" });
    expect(failed.status).toBe(422);
    expect(failed.body.error.code).toBe("plugin_failed");
    expect(failed.body.error.message).toMatch(
      /probe plugin could not complete this: the ledger is closed/,
    );
    expect((await a.admin.get("/api/x/probe/customers/count")).body.count).toBe(before);
    expect((await log(a)).filter((r) => r.name === "回滚客户")).toEqual([]);
    expect((await log(a)).some((r) => r.name === "恒达贸易")).toBe(true);
  });

  it("refuses a plugin's reach into another company's schema, or SQL text", async () => {
    const peek = await a.admin.get(`/api/x/probe/peek/co_${b.slug}`);
    expect(peek.status).toBe(422);
    expect(peek.body.error.message).toMatch(
      new RegExp(`a plugin reaches only its company's tables: "co_${b.slug}.customer"`),
    );
    const raw = await a.admin.get("/api/x/probe/raw");
    expect(raw.status).toBe(422);
    expect(raw.body.error.message).toMatch(/SQL text is not available/);
    const forged = await a.admin.get("/api/x/probe/forged");
    expect(forged.status, "what runs is compiled from the checked tree").toBe(200);
    expect(forged.body).toHaveLength(1);
    expect(forged.body[0].name, "a customer's name, not a company's").not.toMatch(/^Test /);
    const { id, version } = (await a.admin.post("/api/data/customer", { name: "越界之前" })).body;
    const hook = await a.admin.patch(
      `/api/data/customer/${id}`,
      { name: "越界" },
      { "If-Match": `"${version}"` },
    );
    expect(hook.status).toBe(422);
    expect(hook.body.error.message).toMatch(/is not one of them/);
    expect((await a.admin.get(`/api/data/customer/${id}`)).body.name).toBe("越界之前");
  });

  it.runIf(testDbKind === "postgres")(
    "ends a hook that outlives its time, its statement and transaction with it",
    async () => {
      const held = (await a.admin.post("/api/data/customer", { name: "被锁住的客户" })).body.id;
      const lock = await engine.deps.database.db.startTransaction().execute();
      try {
        await lock
          .selectFrom(`co_${a.slug}.customer`)
          .select("id")
          .where("id", "=", held)
          .forUpdate()
          .execute();
        const started = Date.now();
        const waited = await a.admin.post("/api/data/customer", {
          name: "等锁的客户",
          remark: `wait for ${held}`,
        });
        expect(waited.status).toBe(422);
        expect(waited.body.error.message).toMatch(
          /probe plugin could not complete this: it took longer than 10 s/,
        );
        expect(Date.now() - started).toBeLessThan(14_000);
      } finally {
        await lock.rollback().execute();
      }
      const list = await a.admin.get("/api/data/customer?q=等锁");
      expect(list.body.items).toEqual([]);
      const idle = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state like 'idle in transaction%' and query like '%for update%'`.execute(
        engine.deps.database.db,
      );
      expect(idle.rows[0]!.n).toBe(0);
    },
    30_000,
  );

  it("fails the request, not the process, when its code throws", async () => {
    const res = await a.admin.post("/api/x/probe/throw", {});
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      /probe plugin could not complete this: Cannot read properties/,
    );
    expect((await a.admin.get("/api/x/probe/customers/count")).status).toBe(200);
  });

  it("offers effects by name, their parameters checked, run in the caller's transaction", async () => {
    const noted = await a.admin.post("/api/x/probe/note", {
      params: { what: "direct", name: "效果" },
    });
    expect(noted.status, noted.text).toBe(200);
    expect(noted.body.result).toEqual({ noted: true });
    const bad = await a.admin.post("/api/x/probe/note", { params: { what: 7 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      "name",
      "what",
    ]);
    const { id, version } = (await a.admin.post("/api/data/customer", { name: "改名前" })).body;
    const renamed = await a.admin.patch(
      `/api/data/customer/${id}`,
      { name: "改名后" },
      { "If-Match": `"${version}"` },
    );
    expect(renamed.status, renamed.text).toBe(200);
    expect(await log(a)).toEqual(
      expect.arrayContaining([
        { what: "direct", name: "效果" },
        { what: "updated", name: "改名后" },
      ]),
    );
  });

  it("runs its jobs for the company that queued them, on that company's tables", async () => {
    const queued = await a.admin.post("/api/x/probe/tally", {});
    expect(queued.status, queued.text).toBe(202);
    const tally = await waitFor(async () => (await log(a)).find((r) => r.what === "tally now"));
    expect(tally.name).toMatch(new RegExp(`^${a.slug}:\\d+$`));
  });

  it("checks the acting user's permissions, the plugin's own actions included", async () => {
    const role = await everythingRole(engine, a.slug);
    for (const rights of Object.values(role.entities ?? {}))
      rights.actions = rights.actions?.filter((k) => k !== "probeTally");
    await addStaffUser(engine, a.slug, "clerk", "clerk-password-1", { permissions: role });
    const clerk = new TestClient(engine.app);
    await clerk.login(a.slug, "clerk", "clerk-password-1");
    const refused = await clerk.post("/api/x/probe/tally", {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/probeTally/);
    expect((await clerk.get("/api/x/probe/customers/count")).status).toBe(200);
  });

  it("queues a hook's job in the write's transaction: it runs only if the write commits", async () => {
    await a.admin.post("/api/data/customer", { name: "回滚客户" });
    await a.admin.post("/api/data/customer", { name: "提交客户" });
    await waitFor(async () => (await log(a)).find((r) => r.what === "tally 提交客户"));
    await waitFor(async () => (await log(a)).find((r) => r.what === "tally 恒达贸易"));
    expect((await log(a)).filter((r) => r.what === "tally 回滚客户")).toEqual([]);
  });
});
