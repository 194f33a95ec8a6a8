import pg from "pg";

/**
 * Waits until no other session of the database runs a statement, twice in a
 * row a quarter second apart: a load run ends with requests still queued in
 * the server and running in PostgreSQL, which would otherwise weigh on the
 * next run. Gives up after `maxMs`; returns the time waited.
 */
export async function waitForQuiet(client: pg.Client, maxMs = 180_000): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  while (quiet < 2 && Date.now() - started < maxMs) {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
    );
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 250));
  }
  return Date.now() - started;
}
