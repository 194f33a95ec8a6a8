/**
 * Quick search benchmark (issue 14): `q` on the customer list and the global
 * search on 1,000,000 customers, one request at a time, for a Chinese
 * two-character term, a phone fragment and pinyin (full and initials).
 * Prints the median and p95 of each with the rows found, then the list's
 * two statements apart, run in this process: the page alone and the page
 * with its exact total (`count(*)` of every match).
 *
 *   DATABASE_URL=postgres://… [DATABASE_OWNER_URL=postgres://…] npm run bench:search
 *
 * Settings: BENCH_ROWS (1000000), BENCH_RUNS (30 per term and endpoint),
 * BENCH_URL (measure an engine already serving this database there, e.g. an
 * older one for a before/after, instead of seeding, syncing and starting one).
 */
import { bootEngine } from "../engine/boot.ts";
import { schemaOf } from "../engine/companies/company-slug.ts";
import { unscopedActor } from "../engine/companies/actor.ts";
import type { CompanyContext } from "../engine/companies/company-context.ts";
import type { Db } from "../engine/db/database.ts";
import { runList } from "../engine/query/compile-list.ts";
import { planList } from "../engine/query/plan-list.ts";
import { fillSearchData } from "../engine/search-index/search-data.ts";
import { fillStep } from "../engine/search-index/search-fill.ts";
import { prepareBenchCompany } from "./bench-company.ts";
import { startChild, type ChildServer } from "./child-server.ts";
import { seedCustomers } from "./seed-customers.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const rows = env("BENCH_ROWS", 1_000_000);
const runs = env("BENCH_RUNS", 30);
const slug = "bench";
const schema = schemaOf(slug);

/** The seed's names are `<city><word><trade>有限公司<n>`, phones `0571-<8 digits>`. */
const terms = [
  ["Chinese, two characters", "恒达"],
  ["phone fragment, 4 digits", "2345"],
  ["pinyin, full", "hengdakeji"],
  ["pinyin, initials", "hdkj"],
] as const;

const endpoints = {
  "q (list)": (q: string) => `/api/data/customer?q=${encodeURIComponent(q)}&limit=50`,
  "global search": (q: string) => `/api/search?q=${encodeURIComponent(q)}&limit=5`,
} as const;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Median and p95 of `runs` calls of `once`, one at a time, after one to warm up. */
async function timed(once: () => Promise<unknown>): Promise<string> {
  await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return `${quantile(times, 0.5).toFixed(1).padStart(8)} ${quantile(times, 0.95).toFixed(1).padStart(7)}`;
}

const row = (...cells: string[]) =>
  console.log(`${cells[0]!.padEnd(15)} ${cells[1]!.padEnd(36)} ${cells.slice(2).join(" ")}`);

async function measureStatements(db: Db, company: CompanyContext, userId: string) {
  console.log(`
the list's statements in this process, ${runs} runs each (ms):`);
  row("statements", "term", "  median", "    p95");
  const def = company.meta.entities.customer!;
  const actor = unscopedActor(userId);
  for (const [label, term] of terms) {
    const page = planList(company, def, { q: term, limit: "50", total: "none" });
    const counted = planList(company, def, { q: term, limit: "50" });
    row("page", `${label} "${term}"`, await timed(() => runList(db, company, def, page, actor)));
    row(
      "page + total",
      `${label} "${term}"`,
      await timed(() => runList(db, company, def, counted, actor)),
    );
  }
}

async function measure(url: string, cookie: string) {
  console.log(`\n${runs} requests each, one at a time (ms):`);
  row("endpoint", "term", "  median", "    p95", "  found");
  for (const [name, path] of Object.entries(endpoints)) {
    for (const [label, term] of terms) {
      const get = async () => {
        const res = await fetch(`${url}${path(term)}`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`${path(term)}: ${res.status} ${await res.text()}`);
        return (await res.json()) as { total?: number; groups?: { total: number }[] };
      };
      const answer = await get();
      const found = answer.total ?? answer.groups?.reduce((n, g) => n + g.total, 0) ?? 0;
      row(name, `${label} "${term}"`, await timed(get), String(found).padStart(7));
    }
  }
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'set DATABASE_URL to a PostgreSQL database the benchmark may fill (it creates company "bench")',
  );
  process.exit(1);
}
const ownerUrl = process.env.DATABASE_OWNER_URL;
const deps = await bootEngine({
  database: { kind: "postgres", url, ...(ownerUrl && { ownerUrl }) },
});
const cookie = await prepareBenchCompany(deps, slug);
let server: ChildServer | undefined;
try {
  if (!process.env.BENCH_URL) {
    let started = Date.now();
    const added = await seedCustomers(url, schema, rows);
    console.log(
      `${rows} customers in company "${slug}" (${added} added by COPY in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    // Loading the company syncs it, which leaves rows seeded before quick search to the background
    // fill (the upgrade path); it runs here, in this process, before the engine starts, so that no
    // measurement is of ILIKE alone. Rows the COPY left without search data get theirs too.
    started = Date.now();
    const company = await deps.companies.get((await deps.companies.find(slug))!);
    const customer = company.meta.entities.customer!;
    console.log(`company synced in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    while ((await fillStep(deps.database.db, schema, customer)).state === "filling");
    const filled = await fillSearchData(deps.database.db, schema, customer);
    console.log(
      `search data filled in ${((Date.now() - started) / 1000).toFixed(1)} s (${filled} rows the COPY left without)`,
    );
  }
  server =
    process.env.BENCH_URL === undefined
      ? await startChild("engine/main.ts", 3311, {
          DATABASE_URL: url,
          ...(ownerUrl && { DATABASE_OWNER_URL: ownerUrl }),
          SEED_DEMO: "false",
          HOST: "127.0.0.1",
        })
      : undefined;
  await measure(server?.url ?? process.env.BENCH_URL!, cookie);
  // The statements apart only make sense of this engine's own code.
  if (server) {
    const company = await deps.companies.get((await deps.companies.find(slug))!);
    const { id } = (await deps.database.db
      .selectFrom(`${schema}.sys_user`)
      .select("id")
      .executeTakeFirstOrThrow()) as { id: string };
    await measureStatements(deps.database.db, company, id);
  }
} finally {
  await server?.stop();
  await deps.database.close();
}
