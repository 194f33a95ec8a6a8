import { parseArgs } from "node:util";
import { bootEngine } from "../boot.ts";
import type { Config } from "../config.ts";
import { DataDirLockedError, lockDataDir } from "../db/data-dir-lock.ts";
import { MetadataInvalidError } from "../metadata/metadata-error.ts";
import { companyCreate, companyList } from "./company-commands.ts";
import { UsageError } from "./usage-error.ts";

const usage = `usage: npm run cli -- <command>

commands:
  company create <slug> --name <name> --admin-user <username> --admin-password <password>
                 [--admin-name <display name>] [--timezone Asia/Shanghai] [--currency CNY]
                 [--currency-decimals 2] [--language zh-CN|en]
  company list

Platform administration happens here only; the HTTP API serves companies, not the platform.`;

/**
 * Runs one CLI command and returns the exit code: 0 done, 1 refused (bad
 * input), 2 the embedded database is in use by another process.
 */
export async function runCli(argv: string[], config: Config): Promise<number> {
  const [group, command, ...rest] = argv;
  const run =
    group === "company" && command === "create"
      ? companyCreate
      : group === "company" && command === "list"
        ? companyList
        : undefined;
  if (!run) {
    console.error(usage);
    return 1;
  }
  let release: (() => void) | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: run.options,
    });
    // Even reading needs the folder alone: PGlite replays and writes its log when it opens.
    if (config.database.kind === "pglite")
      release = (await lockDataDir(config.dataDir, "the CLI")).release;
    const deps = await bootEngine({ database: config.database });
    try {
      await run.execute(deps, positionals, values);
    } finally {
      await deps.database.close();
    }
    return 0;
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`refused: ${err.message}`);
      return 2;
    }
    if (
      err instanceof UsageError ||
      err instanceof MetadataInvalidError ||
      (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      console.error(`error: ${(err as Error).message}`);
      return 1;
    }
    throw err;
  } finally {
    release?.();
  }
}
