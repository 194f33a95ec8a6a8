import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { engineModules } from "../../engine/engine-modules.ts";
import { tr, verbatim } from "../../engine/i18n/text.ts";
import type { EngineModule } from "../../engine/modules/engine-module.ts";
import { ModuleSet } from "../../engine/modules/module-set.ts";
import { HookRefusal } from "../../engine/records/record-hooks.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/**
 * A module of the tests only, with hooks on customers: it fills the short
 * name, refuses a name, keeps a log in its own table in the write's
 * transaction, and fails on purpose for one name.
 */
const watchModule: EngineModule = {
  key: "x_watch",
  label: verbatim("Watch"),
  description: verbatim("Hooks on customers."),
  version: "1.0.0",
  dependsOn: ["crm"],
  switchable: true,
  companyMigrations: [
    {
      name: "001-log",
      up: (tx, { schema }) =>
        sql`create table ${sql.id(schema, "sys_x_watch")} ("what" text not null, "name" text not null)`
          .execute(tx)
          .then(() => {}),
    },
  ],
  recordHooks: [
    {
      entity: "customer",
      beforeCreate({ values }) {
        if (String(values.name).includes("禁止"))
          throw new HookRefusal("name", tr("this name is not allowed here"));
        values.shortName ??= String(values.name).slice(0, 2);
      },
      async afterCreate({ tx, company, record }) {
        await tx
          .insertInto(`${company.schema}.sys_x_watch`)
          .values({ what: "created", name: String(record.name) })
          .execute();
        if (record.name === "回滚客户") throw new Error("the ledger is closed");
      },
      beforeUpdate({ values, before }) {
        if (values.quality === "C" && before.quality === "A")
          throw new HookRefusal("quality", tr("an A customer cannot drop to C at once"));
        if (values.name !== undefined) values.remark = `renamed from ${String(before.name)}`;
      },
      async afterDelete({ tx, company, record }) {
        await tx
          .insertInto(`${company.schema}.sys_x_watch`)
          .values({ what: "deleted", name: String(record.name) })
          .execute();
      },
    },
  ],
};

describe("a module's hooks around record writes", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let b: TestCompany;
  const log = (company: TestCompany) =>
    engine.deps.database.db
      .selectFrom(`co_${company.slug}.sys_x_watch`)
      .select(["what", "name"])
      .execute();

  beforeAll(async () => {
    engine = await testEngine({ modules: new ModuleSet([...engineModules, watchModule]) });
    a = await testCompany(engine, "hooka");
    b = await testCompany(engine, "hookb");
  });

  it("changes what is written before a create, and writes with it after", async () => {
    const res = await a.admin.post("/api/data/customer", { name: "杭州恒达贸易" });
    expect(res.status, res.text).toBe(201);
    expect(res.body.shortName).toBe("杭州");
    expect(await log(a)).toEqual([{ what: "created", name: "杭州恒达贸易" }]);
  });

  it("answers a refusal as a field error in the user's language, and writes nothing", async () => {
    const res = await a.admin.post("/api/data/customer", { name: "禁止客户" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([
      { field: "name", rule: "refused", message: "this name is not allowed here" },
    ]);
    const list = await a.admin.get(`/api/data/customer?q=${encodeURIComponent("禁止")}`);
    expect(list.body.items).toEqual([]);
  });

  it("undoes the whole write when an after-hook fails, and says which module failed", async () => {
    const res = await a.admin.post("/api/data/customer", { name: "回滚客户" });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "module_failed" });
    expect(res.body.error.message).toContain("x_watch");
    expect(res.body.error.message).toContain("the ledger is closed");
    const list = await a.admin.get(`/api/data/customer?q=${encodeURIComponent("回滚")}`);
    expect(list.body.items).toEqual([]);
    expect((await log(a)).map((r) => r.name)).not.toContain("回滚客户");
  });

  it("sees the record before an update, may refuse it or add to it", async () => {
    const created = await a.admin.post("/api/data/customer", { name: "升级客户", quality: "A" });
    const id = created.body.id;
    const refused = await a.admin.patch(
      `/api/data/customer/${id}`,
      { quality: "C" },
      { "If-Match": `"${created.body.version}"` },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0]).toMatchObject({
      field: "quality",
      rule: "refused",
    });
    const renamed = await a.admin.patch(
      `/api/data/customer/${id}`,
      { name: "升级客户二" },
      { "If-Match": `"${created.body.version}"` },
    );
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.remark).toBe("renamed from 升级客户");

    const gone = await a.admin.delete(`/api/data/customer/${id}`);
    expect(gone.status).toBe(204);
    expect(await log(a)).toContainEqual({ what: "deleted", name: "升级客户二" });
  });

  it("does not run for a company that switched the module off", async () => {
    expect((await b.admin.patch("/api/admin/modules/x_watch", { on: false })).status).toBe(200);
    const res = await b.admin.post("/api/data/customer", { name: "禁止也可以" });
    expect(res.status, res.text).toBe(201);
    expect(res.body.shortName).toBeNull();
    expect(await log(b)).toEqual([]);
  });
});
