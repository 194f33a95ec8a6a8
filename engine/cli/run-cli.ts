import type { Config } from "../config.ts";
import { DataDirLockedError, lockDataDir } from "../db/data-dir-lock.ts";
import { readArguments, usage } from "./cli-arguments.ts";
import { UsageError } from "./usage-error.ts";

/**
 * Runs one CLI command and returns the exit code: 0 done (or help shown),
 * 1 wrong arguments or refused input, 2 the embedded database is in use by
 * another process. Arguments are checked in full, then the embedded
 * database's folder locked, before any database code is even loaded: a typo
 * or a locked folder is answered at once.
 */
export async function runCli(argv: string[], config: Config): Promise<number> {
  let job;
  try {
    job = readArguments(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(
      `error: ${err.message}\n\n${err.hint ?? "npm run cli -- --help shows the usage"}`,
    );
    return 1;
  }
  if (job.command === "help") {
    console.log(usage);
    return 0;
  }
  // Files only: no database to open or lock.
  if (job.command === "plugin new") return (await import("./plugin-command.ts")).pluginNew(job);
  let release: (() => void) | undefined;
  try {
    // Even reading needs the folder alone: PGlite replays and writes its log when it opens.
    if (config.database.kind === "pglite")
      release = (await lockDataDir(config.dataDir, "the CLI")).release;
    // Loaded only now: the database side (drivers, Kysely, metadata) takes seconds to load.
    const { runJob } = await import("./run-job.ts");
    return await runJob(job, config);
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    console.error(`refused: ${err.message}`);
    return 2;
  } finally {
    release?.();
  }
}
