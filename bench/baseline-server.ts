/**
 * The hand-written baseline of the list benchmark: a bare Hono route on pg
 * that validates the same session cookie with its own SQL and runs one
 * hand-written query for the same page the engine answers. Run as a child
 * process by list-throughput.ts.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import pg from "pg";

const url = process.env.DATABASE_URL!;
const schema = process.env.BENCH_SCHEMA!;
const columns = process.env.BENCH_COLUMNS!.split(",");
const pool = new pg.Pool({
  connectionString: url,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const sessionSql = `select s.secret_hash from ${q(schema)}.sys_session s join ${q(schema)}.sys_user u on u.id = s.user_id
  where s.id = $1 and u.is_active`;
const title = (ref: string) =>
  `(select u.display_name from ${q(schema)}.sys_user u where u.id = c.${q(ref)}) as ${q(`_display.${ref}`)}`;
const listSql = `select ${columns.map((c) => `c.${q(c)}`).join(", ")}, ${["owner", "createdBy", "updatedBy"].map(title).join(", ")}
  from ${q(schema)}.customer c where c.city = $1 order by c."createdAt" desc, c.id desc limit 50 offset 0`;
const countSql = `select count(*) as total from ${q(schema)}.customer c where c.city = $1`;

const app = new Hono();
app.get("/baseline/customer", async (c) => {
  const token = /^[a-z0-9_]+\.([a-z2-7]{24})\.([a-z2-7]{32})$/.exec(getCookie(c, "sid") ?? "");
  if (!token) return c.json({ error: "unauthenticated" }, 401);
  const session = await pool.query(sessionSql, [token[1]]);
  const stored = session.rows[0]?.secret_hash as Buffer | undefined;
  const given = createHash("sha256").update(token[2]!).digest();
  if (!stored || !timingSafeEqual(stored, given)) return c.json({ error: "unauthenticated" }, 401);
  const city = c.req.query("city");
  const [{ rows }, counted] = await Promise.all([
    pool.query(listSql, [city]),
    pool.query(countSql, [city]),
  ]);
  const items = rows.map((row) => {
    const display: Record<string, string> = {};
    for (const key of Object.keys(row)) {
      if (key.startsWith("_display.")) {
        if (row[key] !== null) display[key.slice(9)] = row[key];
        delete row[key];
      }
    }
    return { ...row, _display: display };
  });
  return c.json({ items, total: counted.rows[0].total });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" }, () =>
  console.log("baseline listening"),
);

// Exit cleanly on a signal, so that profilers write their output.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
