import { bootEngine } from "../boot.ts";
import { CompanyInputError } from "../companies/create-company.ts";
import type { Config } from "../config.ts";
import { MetadataInvalidError } from "../metadata/metadata-error.ts";
import type { CliJob } from "./cli-arguments.ts";
import { companyCreate, companyList } from "./company-commands.ts";
import { listModules, switchModuleFor } from "./module-commands.ts";
import { sdkCommand } from "./sdk-command.ts";

/**
 * Runs a checked job against the database (its folder already locked) and
 * returns the exit code: 0 done, 1 refused because the input clashes with
 * the data (a slug taken) or the base metadata is invalid.
 */
export async function runJob(
  job: Exclude<CliJob, { command: "help" | "plugin new" }>,
  config: Config,
): Promise<number> {
  try {
    const deps = await bootEngine({ database: config.database });
    try {
      if (job.command === "company create") await companyCreate(deps, job.company);
      else if (job.command === "company list") await companyList(deps);
      else if (job.command === "modules") await listModules(deps, job.company);
      else if (job.command === "modules switch")
        await switchModuleFor(deps, job.company, job.module, job.on);
      else await sdkCommand(deps, job.company, job.out);
    } finally {
      await deps.database.close();
    }
    return 0;
  } catch (err) {
    if (err instanceof CompanyInputError || err instanceof MetadataInvalidError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
