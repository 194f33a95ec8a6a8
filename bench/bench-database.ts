import type { DatabaseConfig } from "../engine/db/database.ts";

/**
 * The PostgreSQL database a benchmark may fill, from the environment as the
 * engine reads it: `DATABASE_URL` (the engine's role) and, when the engine
 * runs with a separate schema owner, `DATABASE_OWNER_URL`, which then also
 * seeds and analyses the tables (only their owner may).
 */
export interface BenchDatabase {
  url: string;
  ownerUrl: string;
  config: DatabaseConfig;
  /** The engine's variables, for its child process. */
  env: Record<string, string>;
}

export function benchDatabase(): BenchDatabase {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'set DATABASE_URL (and DATABASE_OWNER_URL when the engine runs with a schema owner) to a PostgreSQL database the benchmark may fill (it creates company "bench")',
    );
    process.exit(1);
  }
  const owner = process.env.DATABASE_OWNER_URL || undefined;
  return {
    url,
    ownerUrl: owner ?? url,
    config: { kind: "postgres", url, ...(owner ? { ownerUrl: owner } : {}) },
    env: { DATABASE_URL: url, ...(owner ? { DATABASE_OWNER_URL: owner } : {}) },
  };
}
