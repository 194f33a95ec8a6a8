import path from "node:path";
import { projectRoot } from "../project/project-root.ts";
import type { CliJob } from "./cli-arguments.ts";
import { newPlugin } from "./new-plugin.ts";
import { UsageError } from "./usage-error.ts";

/** `plugin new <name> [--root <dir>]`: the exit code, 1 for a name refused. */
export async function pluginNew(job: Extract<CliJob, { command: "plugin new" }>): Promise<number> {
  const root = job.root === undefined ? projectRoot : path.resolve(job.root);
  let files;
  try {
    files = await newPlugin(root, job.name);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`error: ${err.message}`);
    return 1;
  }
  console.log(
    `created plugins/${job.name}:\n${files.map((f) => `  ${f}`).join("\n")}\n\nIts tests run with the API suite (npm test); a company's admin switches it on under Modules.`,
  );
  return 0;
}
