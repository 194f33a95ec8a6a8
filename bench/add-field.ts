/**
 * Fields added to a big table (issue 16 item 7): on 1,000,000 customers on
 * PostgreSQL, an admin adds a unique text field, then a reference field,
 * while lists run in parallel against a separate engine process. Measured
 * per field: the time from the admin's POST to the field being live (the
 * first successful write with it, through the other process), and, over
 * the whole change, the longest list and the p99. Rounds interleave
 * "before" (every index built inside the change's transaction, as sync did
 * before big tables were told apart, and as it still does on small ones)
 * and "after" (indexes built CONCURRENTLY after the commit, foreign keys
 * validated after it); the summary prints the medians and after/before.
 *
 *   DATABASE_URL=postgres://… [DATABASE_OWNER_URL=postgres://…] npm run bench:add-field
 *
 * Settings: BENCH_ROWS (1000000), BENCH_ROUNDS (3 per variant),
 * BENCH_LISTERS (8 lists at a time), BENCH_PORT (3515).
 */
import { createApp } from "../engine/app.ts";
import { bootEngine } from "../engine/boot.ts";
import { schemaOf } from "../engine/companies/company-slug.ts";
import type { EngineDeps } from "../engine/engine-deps.ts";
import { prepareBenchCompany } from "./bench-company.ts";
import { benchDatabase } from "./bench-database.ts";
import { startChild } from "./child-server.ts";
import { seedCustomers } from "./seed-customers.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const rows = env("BENCH_ROWS", 1_000_000);
const rounds = env("BENCH_ROUNDS", 3);
const listers = env("BENCH_LISTERS", 8);
const port = env("BENCH_PORT", 3515);
const slug = "bench";
const schema = schemaOf(slug);

const database = benchDatabase();
const deps = await bootEngine({ database: database.config });
const cookie = await prepareBenchCompany(deps, slug);
const seedStarted = Date.now();
const added = await seedCustomers(database.ownerUrl, schema, rows);
console.log(
  `PostgreSQL: ${rows} customers in company "${slug}" (${added} added by COPY in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s)`,
);

/**
 * The same engine with the database handle sync does not know as able to
 * build concurrently (concurrent-ddl.ts marks the one the pool opened): the
 * "before" variant, everything inside the change's transaction.
 */
const inline: EngineDeps = {
  ...deps,
  database: {
    ...deps.database,
    db: deps.database.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: (args) => Promise.resolve(args.result),
    }),
  },
};
const variants = { before: createApp(inline), after: createApp(deps) } as const;
type Variant = keyof typeof variants;

const server = await startChild("engine/main.ts", port, {
  ...database.env,
  SEED_DEMO: "false",
  HOST: "127.0.0.1",
});
const headers = { cookie, "content-type": "application/json" };

interface Round {
  variant: Variant;
  /** ms from each POST to the first write with its field (unique, reference). */
  live: [number, number];
  /** ms from the first POST until every index is ready. */
  ready: number;
  longest: number;
  p99: number;
  lists: number;
  /** The longest list in the second before the change. */
  quiet: number;
}

async function admin(app: (typeof variants)[Variant], method: string, path: string, body?: object) {
  const res = await app.request(path, {
    method,
    headers,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** POSTs until the other process accepts a write with `field`: the time it took since `from`. */
async function firstWrite(field: string, value: string, from: number): Promise<number> {
  for (;;) {
    const res = await fetch(`${server.url}/api/data/customer`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: `bench ${value}`, [field]: value }),
    });
    await res.arrayBuffer();
    if (res.status === 201) return performance.now() - from;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function round(variant: Variant, n: number): Promise<Round> {
  const app = variants[variant];
  const latencies: { at: number; ms: number }[] = [];
  let listing = true;
  const list = async () => {
    while (listing) {
      const at = performance.now();
      const res = await fetch(`${server.url}/api/data/customer?limit=50`, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`list: ${res.status}`);
      latencies.push({ at, ms: performance.now() - at });
    }
  };
  const running = Array.from({ length: listers }, list);
  await new Promise((r) => setTimeout(r, 1500));
  const key = `x_b${Date.now() % 1_000_000}_${n}`;
  const started = performance.now();
  await admin(app, "POST", "/api/admin/entities/customer/fields", {
    key: `${key}_u`,
    type: "text",
    unique: true,
  });
  const liveUnique = await firstWrite(`${key}_u`, `${key}-1`, started);
  const refStarted = performance.now();
  await admin(app, "POST", "/api/admin/entities/customer/fields", {
    key: `${key}_r`,
    type: "reference",
    entity: "customer",
  });
  const parent = (await admin(app, "GET", "/api/data/customer?limit=1")).items as { id: string }[];
  const liveRef = await firstWrite(`${key}_r`, parent[0]!.id, refStarted);
  for (;;) {
    const { fields } = await admin(app, "GET", "/api/admin/entities/customer/indexes");
    if (Object.keys(fields as object).length === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const ready = performance.now() - started;
  await new Promise((r) => setTimeout(r, 500));
  listing = false;
  await Promise.all(running);
  const during = latencies.filter((l) => l.at + l.ms >= started).map((l) => l.ms);
  const quiet = latencies.filter((l) => l.at + l.ms < started).map((l) => l.ms);
  during.sort((a, b) => a - b);
  return {
    variant,
    live: [liveUnique, liveRef],
    ready,
    longest: during.at(-1) ?? 0,
    p99: during[Math.floor(during.length * 0.99)] ?? 0,
    lists: during.length,
    quiet: Math.max(0, ...quiet),
  };
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Round[] = [];
try {
  // The other process loads the company and plans its statements before any round.
  const warm = performance.now();
  while (performance.now() - warm < 5000)
    await Promise.all(
      Array.from({ length: listers }, async () => {
        const res = await fetch(`${server.url}/api/data/customer?limit=50`, { headers });
        await res.arrayBuffer();
      }),
    );
  // Odd rounds before then after, even ones the other way.
  for (let i = 0; i < rounds; i++)
    for (const variant of (i % 2 === 0 ? ["before", "after"] : ["after", "before"]) as Variant[]) {
      const r = await round(variant, results.length);
      results.push(r);
      console.log(
        `${variant.padEnd(6)} live: unique ${ms(r.live[0])}, reference ${ms(r.live[1])}; indexes ready ${ms(r.ready)}; ` +
          `lists ${r.lists}, longest ${ms(r.longest)}, p99 ${ms(r.p99)} (quiet before: longest ${ms(r.quiet)})`,
      );
    }
  const of = (v: Variant, pick: (r: Round) => number) =>
    median(results.filter((r) => r.variant === v).map(pick));
  console.log(`\nmedians of ${rounds} rounds each, ${rows} customers, ${listers} lists at a time:`);
  const rowsOut: [string, (r: Round) => number][] = [
    ["unique field live", (r) => r.live[0]],
    ["reference field live", (r) => r.live[1]],
    ["indexes ready", (r) => r.ready],
    ["longest list", (r) => r.longest],
    ["p99 list", (r) => r.p99],
  ];
  for (const [label, pick] of rowsOut) {
    const before = of("before", pick);
    const after = of("after", pick);
    console.log(
      `  ${label.padEnd(22)} before ${ms(before).padStart(8)}  after ${ms(after).padStart(8)}  after/before ${(after / before).toFixed(2)}`,
    );
  }
  console.log(`  target: a field live in < 1 s; lists not waiting for the index builds`);
} finally {
  await server.stop();
  await deps.database.close();
}
