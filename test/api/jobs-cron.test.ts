import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../engine/db/database.ts";
import { engineModules } from "../../engine/engine-modules.ts";
import { verbatim } from "../../engine/i18n/text.ts";
import { JobQueue } from "../../engine/jobs/job-queue.ts";
import type { EngineModule } from "../../engine/modules/engine-module.ts";
import { ModuleSet } from "../../engine/modules/module-set.ts";
import { withServices } from "../../engine/module-services.ts";
import { testDbKind } from "../support/test-database.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/** A module of the tests only: a job every minute that notes which minute it ran for. */
const minuteModule: EngineModule = {
  key: "x_minute",
  label: verbatim("Every minute"),
  description: verbatim("A cron job."),
  version: "1.0.0",
  dependsOn: ["core"],
  companyMigrations: [
    {
      name: "001-runs",
      up: (tx, { schema }) =>
        sql`create table ${sql.id(schema, "sys_x_minute")} ("fired_at" text not null, "runner" text not null)`
          .execute(tx)
          .then(() => {}),
    },
  ],
  jobs: [
    {
      name: "tick",
      cron: "* * * * *",
      async run({ company, data, deps }) {
        await deps.database.db
          .insertInto(`${company.schema}.sys_x_minute`)
          .values({ fired_at: String(data.firedAt), runner: deps.jobs === queues[1] ? "2" : "1" })
          .execute();
      },
    },
  ],
};

const queues: JobQueue[] = [];

// Two engine processes on one PostgreSQL database, each with its own pool and queue worker:
// PGlite is one process's database, so there is no second process to race.
describe.runIf(testDbKind === "postgres")("a job scheduled every minute", () => {
  const modules = new ModuleSet([...engineModules, minuteModule]);
  let engines: TestEngine[];
  let second: Database;
  let company: TestCompany;

  beforeAll(async () => {
    second = await openDatabase({
      kind: "postgres",
      url: process.env.DATABASE_URL!,
      ...(process.env.DATABASE_OWNER_URL ? { ownerUrl: process.env.DATABASE_OWNER_URL } : {}),
    });
    engines = [await testEngine({ modules }), await testEngine({ modules, database: second })];
    company = await testCompany(engines[0]!, "cron");
    for (const engine of engines) {
      const queue = new JobQueue(engine.deps.database, modules, {
        work: true,
        pollSeconds: 0.5,
        clockSeconds: 1,
      });
      queues.push(queue);
      await queue.start(withServices({ ...engine.deps, jobs: queue }));
    }
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.stop()));
    await second.close();
  });

  it("runs once per minute for each company, with two processes polling", async () => {
    const runs = () =>
      engines[0]!.deps.database.db
        .selectFrom(`co_${company.slug}.sys_x_minute`)
        .select(["fired_at", "runner"])
        .orderBy("fired_at")
        .execute();
    const until = Date.now() + 140_000;
    let rows = await runs();
    while (new Set(rows.map((r) => r.fired_at)).size < 2 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 1000));
      rows = await runs();
    }
    const minutes = rows.map((r) => r.fired_at);
    expect(new Set(minutes).size, JSON.stringify(rows)).toBeGreaterThanOrEqual(2);
    expect(minutes).toEqual([...new Set(minutes)]);
    const times = minutes.map((m) => new Date(m).getTime());
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(60_000);
  }, 160_000);
});
