/**
 * Login flood (issue "Metadata core 3/3"): while 100 wrong-password requests
 * per second hit one account, other endpoints must keep answering with a p99
 * within 2× of their idle p99. Prints both p99s and their ratio.
 *
 *   DATABASE_URL=postgres://… npm run bench:login-flood
 *
 * Settings: BENCH_SECONDS (15), BENCH_CONNECTIONS (8), BENCH_FLOOD_RATE (100).
 */
import autocannon from "autocannon";
import { bootEngine } from "../engine/boot.ts";
import { prepareBenchCompany, benchUser } from "./bench-company.ts";
import { startChild } from "./child-server.ts";
import { runLoad } from "./run-load.ts";
import { benchCity } from "./seed-customers.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const rate = Number(process.env.BENCH_FLOOD_RATE ?? 100);
const slug = "bench";
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'set DATABASE_URL to a PostgreSQL database the benchmark may fill (it creates company "bench")',
  );
  process.exit(1);
}

const deps = await bootEngine({ database: { kind: "postgres", url } });
const cookie = await prepareBenchCompany(deps, slug);
await deps.database.close();

const engine = await startChild("engine/main.ts", 3311, {
  DATABASE_URL: url,
  SEED_DEMO: "false",
  HOST: "127.0.0.1",
});
try {
  const filter = encodeURIComponent(JSON.stringify({ field: "city", op: "eq", value: benchCity }));
  const list = `${engine.url}/api/data/customer?filter=${filter}&limit=50&sort=-createdAt`;
  await runLoad(list, cookie, connections, 3);
  const idle = await runLoad(list, cookie, connections, seconds);
  console.log(`idle:   ${idle.requestsPerSecond.toFixed(0)} req/s, p99 ${idle.p99} ms`);

  const flood = autocannon({
    url: `${engine.url}/api/auth/login`,
    method: "POST",
    connections: 4,
    overallRate: rate,
    duration: seconds + 2,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      company: slug,
      username: benchUser.username,
      password: "wrong-password",
    }),
  });
  const loaded = await runLoad(list, cookie, connections, seconds);
  const floodResult = await flood;
  const statuses = Object.entries(floodResult.statusCodeStats ?? {})
    .map(([code, s]) => `${code}: ${(s as { count: number }).count}`)
    .join(", ");
  console.log(`flood:  ${floodResult.requests.average.toFixed(0)} login req/s (${statuses})`);
  console.log(`loaded: ${loaded.requestsPerSecond.toFixed(0)} req/s, p99 ${loaded.p99} ms`);
  console.log(`p99 ratio ${(loaded.p99 / Math.max(1, idle.p99)).toFixed(2)} (target ≤ 2.00)`);
} finally {
  await engine.stop();
}
