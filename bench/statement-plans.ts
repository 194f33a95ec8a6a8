import { existsSync, readFileSync, rmSync } from "node:fs";
import pg from "pg";
import type { ProbeReport, ProbeStatement } from "./server-probe.ts";

/** Asks a server started with server-probe.ts for its report (written to `file` on SIGUSR2). */
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
  /** Connections that prepared the statement. */
  connections: number;
  /** Executions: generic plans used + custom plans made. */
  calls: number;
  /** Plans made: every custom plan, and one generic plan per connection that used one. */
  plans: number;
}

/**
 * Calls against plans of the prepared statements whose text `matches`,
 * summed over a server's connections. PostgreSQL keeps a generic plan once
 * it finds it no dearer than the custom ones (after five custom plans), so a
 * statement that plans once per connection shows calls ≫ plans.
 */
export function statementPlans(
  report: ProbeReport,
  matches: (s: ProbeStatement) => boolean,
): StatementPlans {
  const found = report.connections.flatMap((c) => c.filter(matches));
  return {
    connections: found.length,
    calls: found.reduce((n, s) => n + s.generic_plans + s.custom_plans, 0),
    plans: found.reduce((n, s) => n + s.custom_plans + (s.generic_plans > 0 ? 1 : 0), 0),
  };
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
