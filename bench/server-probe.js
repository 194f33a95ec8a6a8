/**
 * Preloaded into a benchmark's server process (`node --import
 * ./bench/server-probe.js …`; plain JavaScript, so that the server needs no
 * TypeScript loader, whose memory would count as the server's), so that
 * neither the engine nor the baseline needs a debug route: it remembers
 * every pg client the process queries through, and on SIGUSR2 writes to
 * `BENCH_PROBE_FILE` the process's memory (process.memoryUsage and V8's heap
 * spaces) and each connection's prepared statements with how often
 * PostgreSQL used a generic or a custom plan for them (pg_prepared_statements
 * only shows a connection its own statements, hence the asking from inside).
 * The server's own code is untouched. The report's shape: `ProbeReport` in
 * statement-plans.ts.
 */
import { writeFileSync } from "node:fs";
import { getHeapSpaceStatistics } from "node:v8";
import pg from "pg";

const clients = new Set();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  clients.add(this);
  return query.apply(this, args);
};

const file = process.env.BENCH_PROBE_FILE;
process.on("SIGUSR2", () => {
  void (async () => {
    // Each connection answers after the statements queued on it: asked all at once.
    const lists = await Promise.all(
      [...clients].map(async (client) => {
        try {
          const { rows } = await query.call(
            client,
            "select name, statement, generic_plans::int, custom_plans::int from pg_prepared_statements",
          );
          return [{ pid: client.processID, statements: rows }];
        } catch {
          // A connection the pool has closed since.
          clients.delete(client);
          return [];
        }
      }),
    );
    // With --expose-gc (the memory benchmark), what is live rather than not yet collected.
    globalThis.gc?.();
    const spaces = getHeapSpaceStatistics().map((s) => ({
      name: s.space_name,
      committed: s.physical_space_size,
      used: s.space_used_size,
    }));
    const report = { memory: process.memoryUsage(), spaces, connections: lists.flat() };
    if (file) writeFileSync(file, JSON.stringify(report));
  })();
});
