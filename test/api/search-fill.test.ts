import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import { withServices } from "../../engine/module-services.ts";
import { fillStep } from "../../engine/search-index/search-fill.ts";
import { searchFillJob } from "../../engine/search/search-fill-job.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import type { TestClient } from "../support/test-client.ts";

/**
 * The search data of rows that existed before it (a company synced before
 * quick search, or whose search fields changed) is filled by a background
 * job, batch by batch, not by the sync that loads the company; meanwhile
 * quick search finds those rows by ILIKE alone.
 */
const older = ["上海恒达贸易", "广州恒达物流", "深圳恒达电子", "Hengda Holdings"];
const made = "北京恒达科技";

const waitFor = async <T>(what: () => Promise<T | undefined>, seconds = 30): Promise<T> => {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const found = await what();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error("waited in vain");
    await new Promise((r) => setTimeout(r, 200));
  }
};

let engine: TestEngine;

/** A company whose customers' search data is out of date, as after an upgrade: the next load syncs it. */
async function staleCompany(prefix: string): Promise<{ slug: string; admin: TestClient }> {
  const co = await testCompany(engine, prefix);
  expect((await co.admin.post("/api/data/customer", { name: made })).status).toBe(201);
  const schema = schemaOf(co.slug);
  const db = engine.deps.database.db;
  const me = (await co.admin.get("/api/auth/me")).body.user.id as string;
  // Rows written before quick search existed have no search data at all.
  for (const name of older)
    await sql`insert into ${sql.table(`${schema}.customer`)}
        ("id", "version", "owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "name")
      values (gen_random_uuid(), 1, ${me}, ${me}, ${me}, now(), now(), ${name})`.execute(db);
  await sql`comment on column ${sql.id(schema, "customer", "_search")} is 'name|0'`.execute(db);
  await sql`update ${sql.table(`${schema}.sys_meta_state`)} set "synced_hash" = 'before'`.execute(
    db,
  );
  engine.deps.companies.invalidate(co.slug);
  return co;
}

const found = async (admin: TestClient, q: string) => {
  const res = await admin.get(`/api/data/customer?limit=200&q=${encodeURIComponent(q)}`);
  expect(res.status, res.text).toBe(200);
  return (res.body.items as { name: string }[]).map((c) => c.name).sort();
};

const searchIndex = async (slug: string) =>
  (
    await sql<{ indexname: string }>`select indexname from pg_catalog.pg_indexes
      where schemaname = ${schemaOf(slug)} and indexname = 'customer_search_gin'`.execute(
      engine.deps.database.db,
    )
  ).rows.length;

const fillOf = async (slug: string) =>
  (
    await sql<{ filled: number; rows: number | null; finished: boolean }>`
      select "filled", "rows", "finished_at" is not null as finished
      from ${sql.table(`${schemaOf(slug)}.sys_search_fill`)} where "entity" = 'customer'`.execute(
      engine.deps.database.db,
    )
  ).rows[0];

beforeAll(async () => {
  engine = await testEngine();
});
afterAll(() => engine.deps.jobs.stop());

describe("search data of existing rows", () => {
  it("is filled by a job after the load, and quick search finds the rows before and after", async () => {
    const { slug, admin } = await staleCompany("sfill");
    // The load syncs without computing a row: the fill is recorded, the index gone until it is done.
    const all = [...older, made].sort();
    expect(await found(admin, "恒达")).toEqual(all.filter((n) => n.includes("恒达")));
    // Pinyin needs computed data: only the record created through the API has it yet.
    expect(await found(admin, "hengda")).toEqual(["Hengda Holdings", made]);
    expect(await found(admin, "shhd")).toEqual([]);
    expect(await fillOf(slug)).toEqual({ filled: 0, rows: null, finished: false });
    expect(await searchIndex(slug)).toBe(0);

    // The queue runs from here on; the company's next load queues the fill.
    await engine.deps.jobs.start(withServices(engine.deps));
    engine.deps.companies.invalidate(slug);
    expect(await found(admin, "恒达")).toEqual(all.filter((n) => n.includes("恒达")));
    const job = await waitFor(async () => {
      const res = await admin.get("/api/admin/jobs?state=completed");
      return res.body.items.find((j: { name: string }) => j.name === "search.fill");
    });
    expect(job).toMatchObject({ state: "completed", error: null });
    expect(await fillOf(slug)).toEqual({ filled: 5, rows: 5, finished: true });
    expect(await searchIndex(slug)).toBe(1);
    // Within seconds the company's requests go through the index again, without a reload.
    const row = (await engine.deps.companies.find(slug))!;
    await waitFor(async () => {
      await admin.get("/api/auth/me");
      return (await engine.deps.companies.get(row)).searchFilling.has("customer")
        ? undefined
        : true;
    }, 15);

    // The older rows have their pinyin now.
    expect(await found(admin, "shhd")).toEqual(["上海恒达贸易"]);
    expect(await found(admin, "hengda")).toEqual(all);
    expect(await found(admin, "恒达")).toEqual(all.filter((n) => n.includes("恒达")));
    expect(await found(admin, "深圳")).toEqual(["深圳恒达电子"]);
  }, 60_000);

  it("goes on from where it stopped, batch by batch, with a record renamed meanwhile", async () => {
    await engine.deps.jobs.stop();
    const { slug, admin } = await staleCompany("sfstep");
    expect(await found(admin, "恒达")).toHaveLength(4);
    const company = await engine.deps.companies.get((await engine.deps.companies.find(slug))!);
    const def = company.meta.entities.customer!;
    const db = engine.deps.database.db;
    expect(await fillStep(db, company.schema, def, 2)).toEqual({
      state: "filling",
      filled: 2,
      rows: 5,
    });
    // A record renamed between two batches is found by its new name only.
    const renamed = (await admin.get(`/api/data/customer?q=${encodeURIComponent("深圳")}`)).body
      .items[0];
    const patch = await admin.patch(
      `/api/data/customer/${renamed.id}`,
      { name: "杭州润泽电子" },
      { "if-match": String(renamed.version) },
    );
    expect(patch.status, patch.text).toBe(200);
    // As a job that died would: the next one starts from what the table says.
    expect(await fillStep(db, company.schema, def, 2)).toMatchObject({ filled: 4 });
    expect(await fillOf(slug)).toMatchObject({ filled: 4, finished: false });
    expect(await fillStep(db, company.schema, def, 2)).toMatchObject({ filled: 5 });
    expect(await fillStep(db, company.schema, def, 2)).toEqual({ state: "finished" });
    expect(await searchIndex(slug)).toBe(1);
    expect(await found(admin, "hzrzdz")).toEqual(["杭州润泽电子"]);
    expect(await found(admin, "szhd")).toEqual([]);
    expect(await found(admin, "gzhd")).toEqual(["广州恒达物流"]);
  }, 60_000);

  it("shows where a run stopped in the job list, and the next run finishes", async () => {
    await engine.deps.jobs.stop();
    const { slug, admin } = await staleCompany("sfnext");
    expect(await found(admin, "恒达")).toHaveLength(4);
    const company = await engine.deps.companies.get((await engine.deps.companies.find(slug))!);
    const deps = withServices(engine.deps);
    // A run past its minute after the first batch queues the next with its progress. The clock
    // jumps for the run alone, with its queueing noted: pg-boss's own timers would jump too.
    const queued: Parameters<typeof deps.jobs.send>[] = [];
    const jobs = { send: async (...args: Parameters<typeof deps.jobs.send>) => queued.push(args) };
    const now = Date.now();
    const clock = vi
      .spyOn(Date, "now")
      .mockReturnValueOnce(now)
      .mockReturnValue(now + 61_000);
    try {
      await searchFillJob.run({
        company,
        data: {},
        retry: 0,
        deps: { ...deps, jobs: jobs as unknown as typeof deps.jobs },
      });
    } finally {
      clock.mockRestore();
    }
    expect(queued).toEqual([[slug, "search.fill", { entity: "customer", filled: 5, rows: 5 }]]);
    expect(await fillOf(slug)).toEqual({ filled: 5, rows: 5, finished: false });

    await engine.deps.jobs.start(deps);
    await engine.deps.jobs.send(...queued[0]!);
    const next = await waitFor(async () => {
      const res = await admin.get("/api/admin/jobs?state=completed");
      return res.body.items.find((j: { name: string }) => j.name === "search.fill");
    });
    expect(next.data).toEqual({ entity: "customer", filled: 5, rows: 5 });
    await waitFor(async () => ((await fillOf(slug))?.finished ? true : undefined));
    expect(await searchIndex(slug)).toBe(1);
    expect(await found(admin, "gzhd")).toEqual(["广州恒达物流"]);
  }, 60_000);
});
