import { existsSync, readFileSync, rmSync } from "node:fs";
import pg from "pg";

/** A prepared statement of one connection, as pg_prepared_statements shows it. */
export interface ProbeStatement {
  name: string;
  statement: string;
  generic_plans: number;
  custom_plans: number;
}

/** What server-probe.js writes. */
export interface ProbeReport {
  memory: NodeJS.MemoryUsage;
  /** V8's heap spaces: committed (resident at most) and used bytes of each. */
  spaces: { name: string; committed: number; used: number }[];
  /** The prepared statements of each open connection, by its backend's process id. */
  connections: { pid: number; statements: ProbeStatement[] }[];
}

/** Asks a server started with server-probe.js for its report (written to `file` on SIGUSR2). */
export async function askProbe(pid: number, file: string): Promise<ProbeReport> {
  rmSync(file, { force: true });
  process.kill(pid, "SIGUSR2");
  for (let waited = 0; waited < 120_000; waited += 50) {
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, "utf8")) as ProbeReport;
      } catch {
        // Still being written.
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process ${pid} wrote no probe report to ${file}`);
}

export interface StatementPlans {
  /** Executions: generic plans used + custom plans made. */
  calls: number;
  /** Plans made: every custom plan, and a generic plan where one was first used. */
  plans: number;
}

/**
 * Calls against plans of the prepared statements whose text `matches`
 * between two reports of one server, summed over its connections (one that
 * the pool opened in between counts from zero; one it closed is lost with
 * its figures). PostgreSQL keeps a generic plan once it finds it no dearer
 * than the custom ones (after five custom plans), so a statement planned
 * once per connection shows calls ≫ plans.
 */
export function statementPlans(
  before: ProbeReport | undefined,
  after: ProbeReport,
  matches: (statement: string) => boolean,
): StatementPlans {
  const earlier = new Map<string, ProbeStatement>();
  for (const c of before?.connections ?? [])
    for (const s of c.statements) earlier.set(`${c.pid}|${s.name}`, s);
  let calls = 0;
  let plans = 0;
  for (const c of after.connections) {
    for (const s of c.statements) {
      if (!matches(s.statement)) continue;
      const e = earlier.get(`${c.pid}|${s.name}`);
      const generic = s.generic_plans - (e?.generic_plans ?? 0);
      const custom = s.custom_plans - (e?.custom_plans ?? 0);
      calls += generic + custom;
      plans += custom + (generic > 0 && !e?.generic_plans ? 1 : 0);
    }
  }
  return { calls, plans };
}

/**
 * pg_stat_statements' calls and plans of the statements whose text contains
 * `like`, when the server has it loaded (shared_preload_libraries, which
 * takes a restart this benchmark does not do on a shared server) and its
 * planning tracked; otherwise why not.
 */
export async function statStatements(
  url: string,
  like: string,
): Promise<{ calls: number; plans: number } | string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const installed = await client.query(
      "select 1 from pg_extension where extname = 'pg_stat_statements'",
    );
    if (installed.rows.length === 0)
      return "not installed: it needs shared_preload_libraries, that is a server restart, which a benchmark does not do to a shared server";
    const { rows } = await client.query(
      `select coalesce(sum(calls), 0)::bigint as calls, coalesce(sum(plans), 0)::bigint as plans,
         current_setting('pg_stat_statements.track_planning') as tracked
       from pg_stat_statements where query like $1`,
      [`%${like}%`],
    );
    const row = rows[0] as { calls: string; plans: string; tracked: string };
    if (row.tracked !== "on") return "pg_stat_statements.track_planning is off";
    return { calls: Number(row.calls), plans: Number(row.plans) };
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end();
  }
}
