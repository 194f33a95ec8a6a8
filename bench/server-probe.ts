/**
 * Preloaded into a benchmark's server process (`node --import tsx --import
 * ./bench/server-probe.ts …`), so that neither the engine nor the baseline
 * needs a debug route: it remembers every pg client the process queries
 * through, and on SIGUSR2 writes to `BENCH_PROBE_FILE` the process's memory
 * (process.memoryUsage and V8's heap spaces) and each connection's prepared statements with how
 * often PostgreSQL used a generic or a custom plan for them
 * (pg_prepared_statements only shows a connection its own statements, hence
 * the asking from inside). The server's own code is untouched.
 */
import { writeFileSync } from "node:fs";
import { getHeapSpaceStatistics } from "node:v8";
import pg from "pg";

export interface ProbeStatement {
  name: string;
  statement: string;
  generic_plans: number;
  custom_plans: number;
}

export interface ProbeReport {
  memory: NodeJS.MemoryUsage;
  /** V8's heap spaces: committed (resident at most) and used bytes of each. */
  spaces: { name: string; committed: number; used: number }[];
  /** One list per open connection. */
  connections: ProbeStatement[][];
}

const clients = new Set<pg.Client>();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  clients.add(this);
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const file = process.env.BENCH_PROBE_FILE;
process.on("SIGUSR2", () => {
  void (async () => {
    // Each connection answers after the statements queued on it: asked all at once.
    const connections = await Promise.all(
      [...clients].map(async (client) => {
        try {
          const { rows } = await query.call<pg.Client, [string], Promise<pg.QueryResult>>(
            client,
            "select name, statement, generic_plans::int, custom_plans::int from pg_prepared_statements",
          );
          return rows as ProbeStatement[];
        } catch {
          // A connection the pool has closed since.
          clients.delete(client);
          return [];
        }
      }),
    );
    const spaces = getHeapSpaceStatistics().map((s) => ({
      name: s.space_name,
      committed: s.physical_space_size,
      used: s.space_used_size,
    }));
    const report: ProbeReport = { memory: process.memoryUsage(), spaces, connections };
    if (file) writeFileSync(file, JSON.stringify(report));
  })();
});
