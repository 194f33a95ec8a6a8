/**
 * The hand-written baseline of the list benchmark (list-throughput.ts): a
 * bare Hono route on pg, as a developer would write it for this one screen,
 * answering the same JSON as the engine's `GET /api/data/customer` — the
 * list contract of issue 14: `{items, total, totalKind, next}` — byte for
 * byte. Every statement is a named pg query (`{ name, text, values }`, so
 * prepared once per connection) with the page size as a literal; the session
 * cookie is checked with its own SQL; the role model is the benchmark's:
 * admins see every customer, anyone else their own department's. Run as a
 * child process by list-throughput.ts.
 *
 *   GET /baseline/customer?city=&q=&offset=
 *
 * Environment: DATABASE_URL, DATABASE_POOL_SIZE, PORT, BENCH_SCHEMA,
 * BENCH_COLUMNS (the answer's record keys, in order), BENCH_SEARCH_COLUMNS
 * (the entity's quick-search fields) and optionally BENCH_SEARCH_SQL (below).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import pg from "pg";

const schema = process.env.BENCH_SCHEMA!;
const columns = process.env.BENCH_COLUMNS!.split(",");
const searchColumns = process.env.BENCH_SEARCH_COLUMNS!.split(",");
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL!,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  options: "-c TimeZone=UTC",
});
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());

const pageSize = 50;
/** The list contract: an exact total up to 10,000 rows, the planner's estimate above; with `q`, up to 1,000, "more" above. */
const exactUpTo = (q: boolean) => (q ? 1_000 : 10_000);
const id = (name: string) => `"${name.replace(/"/g, '""')}"`;
const table = (name: string) => `${id(schema)}.${id(name)}`;

/**
 * The quick-search condition on `c` with `$n` for the term's pattern: the
 * engine's (each search field, ILIKE under the default collation, `%term%`
 * with LIKE's wildcards escaped). BENCH_SEARCH_SQL replaces it when the
 * engine's quick search changes form: a condition on alias `c` in which
 * `$q` stands for the raw term (bound as text).
 */
const searchSql = process.env.BENCH_SEARCH_SQL;
const searchCondition = (n: number) =>
  searchSql
    ? searchSql.replaceAll("$q", `$${n}`)
    : `(${searchColumns.map((c) => `c.${id(c)} collate "default" ilike $${n}`).join(" or ")})`;
const searchValue = (term: string) =>
  searchSql ? term : `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

const sessionSql = `select s.secret_hash, u.id, u.is_admin, u.department_id
  from ${table("sys_session")} s join ${table("sys_user")} u on u.id = s.user_id
  where s.id = $1 and u.is_active`;
const title = (ref: string) =>
  `(select u.display_name from ${table("sys_user")} u where u.id = c.${id(ref)}) as ${id(`_display.${ref}`)}`;

interface Shape {
  key: string;
  where: string;
  /** Slots of the values, in order: city, search, department. */
  params: ("city" | "q" | "department")[];
  /** Matches counted exactly before the estimate takes over. */
  countUpTo: number;
}

/** The WHERE of a request: the filter, the search and, for non-admins, their department's owners. */
function shapeOf(city: boolean, q: boolean, scoped: boolean): Shape {
  const where: string[] = [];
  const params: Shape["params"] = [];
  if (city) where.push(`c.city = $${params.push("city")}`);
  if (q) where.push(searchCondition(params.push("q")));
  if (scoped)
    where.push(
      `c.owner in (select d.id from ${table("sys_user")} d where d.department_id = $${params.push("department")})`,
    );
  return {
    key: `${city ? "city" : ""}${q ? "_q" : ""}${scoped ? "_dept" : ""}`,
    where: where.length > 0 ? `where ${where.join(" and ")}` : "",
    params,
    countUpTo: exactUpTo(q),
  };
}

/** The page by ids first (offsets then cost index entries, not rows and titles), one row more than shown. */
const pageSql = (s: Shape) => `select ${columns.map((c) => `c.${id(c)}`).join(", ")},
    ${["owner", "createdBy", "updatedBy"].map(title).join(", ")}
  from (select c.id from ${table("customer")} c ${s.where}
    order by c."createdAt" desc, c.id desc limit ${pageSize + 1} offset $${s.params.length + 1}) p
  join ${table("customer")} c on c.id = p.id
  order by c."createdAt" desc, c.id desc`;
const countSql = (s: Shape) =>
  `select count(*)::int as n from (select 1 from ${table("customer")} c ${s.where} limit ${s.countUpTo + 1}) t`;
const estimateSql = (s: Shape) =>
  `explain (format json) select 1 from ${table("customer")} c ${s.where}`;

const cursor = (row: Record<string, unknown>) =>
  Buffer.from(JSON.stringify([row.createdAt, row.id])).toString("base64url");

const app = new Hono();
app.get("/baseline/customer", async (c) => {
  const token = /^[a-z0-9_]+\.([a-z2-7]{24})\.([a-z2-7]{32})$/.exec(getCookie(c, "sid") ?? "");
  if (!token) return c.json({ error: "unauthenticated" }, 401);
  const session = await pool.query({ name: "session", text: sessionSql, values: [token[1]] });
  const user = session.rows[0] as
    { secret_hash: Buffer; is_admin: boolean; department_id: string | null } | undefined;
  const given = createHash("sha256").update(token[2]!).digest();
  if (!user || !timingSafeEqual(user.secret_hash, given))
    return c.json({ error: "unauthenticated" }, 401);
  const city = c.req.query("city");
  const q = c.req.query("q")?.trim();
  const offset = Number(c.req.query("offset") ?? 0);
  const shape = shapeOf(city !== undefined, !!q, !user.is_admin);
  const values = shape.params.map((p) =>
    p === "city" ? city : p === "q" ? searchValue(q!) : user.department_id,
  );
  const [page, counted] = await Promise.all([
    pool.query({ name: `page_${shape.key}`, text: pageSql(shape), values: [...values, offset] }),
    pool.query({ name: `count_${shape.key}`, text: countSql(shape), values }),
  ]);
  let total = counted.rows[0].n as number;
  let totalKind = "exact";
  if (total > shape.countUpTo && q) {
    total = shape.countUpTo;
    totalKind = "more";
  } else if (total > shape.countUpTo) {
    const plan = await pool.query({
      name: `estimate_${shape.key}`,
      text: estimateSql(shape),
      values,
    });
    // Never below what was counted: an estimate may fall short of it.
    total = Math.max(total, Math.round(plan.rows[0]["QUERY PLAN"][0].Plan["Plan Rows"] as number));
    totalKind = "estimate";
  }
  const rows = page.rows.slice(0, pageSize);
  const items = rows.map((row) => {
    const item: Record<string, unknown> = {};
    for (const column of columns) item[column] = row[column];
    const display: Record<string, string> = {};
    for (const ref of ["owner", "createdBy", "updatedBy"]) {
      const text = row[`_display.${ref}`];
      if (text !== null) display[ref] = text;
    }
    item._display = display;
    return item;
  });
  const next = page.rows.length > pageSize ? cursor(rows[rows.length - 1]!) : null;
  return c.json({ items, total, totalKind, next });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" }, () =>
  console.log("baseline listening"),
);

// Exit cleanly on a signal, so that profilers write their output.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
