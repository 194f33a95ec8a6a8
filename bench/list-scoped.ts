/**
 * Scoped list benchmark (issue "Organisation and permissions 1/2"): the list
 * request of `bench:list` (1,000,000 customers, filter on city, newest first,
 * a page of 50) answered by the engine for the admin (no scope) and for a
 * user whose role limits customers to their own department, in alternating
 * runs. Owners are spread over 100 users in 10 departments, so the scoped
 * user sees a tenth of the rows. Prints requests/s, p99 and the ratio.
 *
 *   DATABASE_URL=postgres://… npm run bench:list-scoped
 *
 * Settings: BENCH_ROWS (1000000), BENCH_CONNECTIONS (32), BENCH_SECONDS (15),
 * BENCH_ROUNDS (3), BENCH_POOL (16).
 */
import pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { hashPassword } from "../engine/companies/password.ts";
import { createSession } from "../engine/auth/sessions.ts";
import { bootEngine } from "../engine/boot.ts";
import { schemaOf } from "../engine/companies/company-slug.ts";
import { prepareBenchCompany } from "./bench-company.ts";
import { startChild } from "./child-server.ts";
import { runLoad, type LoadResult } from "./run-load.ts";
import { benchCity, seedCustomers } from "./seed-customers.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const rows = env("BENCH_ROWS", 1_000_000);
const connections = env("BENCH_CONNECTIONS", 32);
const seconds = env("BENCH_SECONDS", 15);
const rounds = env("BENCH_ROUNDS", 3);
const pool = env("BENCH_POOL", 16);
const slug = "bench";
const schema = schemaOf(slug);
const departments = 10;
const usersPerDepartment = 10;
const filter = encodeURIComponent(JSON.stringify({ field: "city", op: "eq", value: benchCity }));
const path = `/api/data/customer?filter=${filter}&sort=-createdAt&limit=50`;

const fmt = (r: LoadResult) =>
  `${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99).padStart(4)} ms${r.errors + r.non2xx > 0 ? `  (${r.errors} errors, ${r.non2xx} non-2xx)` : ""}`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Departments, their sales users, and a role that opens customers to the own
 * department only; owners of all customers spread over those users. Done once
 * per database: the users' presence says it is done.
 */
async function spreadOwners(client: pg.Client): Promise<string> {
  const s = (t: string) => `"${schema}".${t}`;
  const existing = await client.query(
    `select id from ${s("sys_user")} where username = 'sales_0_0'`,
  );
  if (existing.rows.length > 0) return existing.rows[0].id as string;
  const started = Date.now();
  const roleId = uuidv7();
  const permissions = {
    modules: ["crm"],
    entities: { customer: { actions: ["read", "create", "update"], scope: "department" } },
  };
  await client.query(
    `insert into ${s("sys_role")} (id, key, name, permissions, created_at) values ($1, 'sales', 'Sales', $2, now())`,
    [roleId, JSON.stringify(permissions)],
  );
  const hash = await hashPassword("sales-password-1");
  const users: string[] = [];
  for (let d = 0; d < departments; d++) {
    const dept = uuidv7();
    await client.query(
      `insert into ${s("sys_department")} (id, name, created_at) values ($1, $2, now())`,
      [dept, `Sales ${d}`],
    );
    for (let u = 0; u < usersPerDepartment; u++) {
      const id = uuidv7();
      users.push(id);
      await client.query(
        `insert into ${s("sys_user")} (id, username, display_name, password_hash, department_id) values ($1, $2, $3, $4, $5)`,
        [id, `sales_${d}_${u}`, `销售 ${d}-${u}`, hash, dept],
      );
      await client.query(`insert into ${s("sys_user_role")} (user_id, role_id) values ($1, $2)`, [
        id,
        roleId,
      ]);
    }
  }
  await client.query(
    `update ${s("customer")} set owner = ($1::uuid[])[1 + abs(hashtext(id::text)) % ${users.length}]`,
    [users],
  );
  await client.query(`vacuum analyze ${s("customer")}`);
  console.log(
    `owners spread over ${users.length} users in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return users[0]!;
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'set DATABASE_URL to a PostgreSQL database the benchmark may fill (it creates company "bench")',
  );
  process.exit(1);
}
const deps = await bootEngine({ database: { kind: "postgres", url } });
const adminCookie = await prepareBenchCompany(deps, slug);
// Loading the context brings the company's system tables and indexes up to date.
await deps.companies.get((await deps.companies.find(slug))!);
const added = await seedCustomers(url, schema, rows);
console.log(`PostgreSQL: ${rows} customers in company "${slug}" (${added} added)`);
const client = new pg.Client({ connectionString: url });
await client.connect();
const salesId = await spreadOwners(client);
await client.end();
const salesCookie = `sid=${await createSession(deps.database.db, schema, slug, salesId, new Date())}`;
await deps.database.close();

const engine = await startChild("engine/main.ts", 3304, {
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: String(pool),
  SEED_DEMO: "false",
  HOST: "127.0.0.1",
});
try {
  const target = `${engine.url}${path}`;
  const answer = async (cookie: string) =>
    (await (await fetch(target, { headers: { cookie } })).json()) as {
      total: number;
      items: unknown[];
    };
  const all = await answer(adminCookie);
  const scoped = await answer(salesCookie);
  console.log(
    `admin sees ${all.total} matching rows (page of ${all.items.length}); the department-scoped user ${scoped.total} (page of ${scoped.items.length})`,
  );
  if (!(scoped.total > 0 && scoped.total < all.total))
    throw new Error("the scope does not narrow the list");
  const cookies = { unscoped: adminCookie, scoped: salesCookie };
  console.log(`warming up (${Math.min(5, seconds)} s each)…`);
  for (const cookie of Object.values(cookies))
    await runLoad(target, cookie, connections, Math.min(5, seconds));
  const results: Record<keyof typeof cookies, LoadResult[]> = { unscoped: [], scoped: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const name of round % 2
      ? (["unscoped", "scoped"] as const)
      : (["scoped", "unscoped"] as const)) {
      const r = await runLoad(target, cookies[name], connections, seconds);
      results[name].push(r);
      console.log(`round ${round} ${name.padEnd(8)} ${fmt(r)}`);
    }
  }
  const rps = (name: keyof typeof cookies) => mean(results[name].map((r) => r.requestsPerSecond));
  const p99 = (name: keyof typeof cookies) => mean(results[name].map((r) => r.p99));
  console.log(`\nPostgreSQL, ${connections} connections, ${rounds} × ${seconds} s each:`);
  console.log(
    `  unscoped (admin)          ${rps("unscoped").toFixed(0)} req/s, p99 ${p99("unscoped").toFixed(1)} ms`,
  );
  console.log(
    `  scoped (own department)   ${rps("scoped").toFixed(0)} req/s, p99 ${p99("scoped").toFixed(1)} ms`,
  );
  console.log(
    `  throughput ratio ${(rps("scoped") / rps("unscoped")).toFixed(2)} (target ≥ 0.85), p99 ratio ${(p99("scoped") / p99("unscoped")).toFixed(2)}`,
  );
} finally {
  await engine.stop();
}
