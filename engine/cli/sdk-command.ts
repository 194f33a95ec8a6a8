import path from "node:path";
import { CompanyInputError } from "../companies/create-company.ts";
import type { EngineDeps } from "../engine-deps.ts";
import { defaultSdkDir, writeSdk } from "../sdk/write-sdk.ts";
import { companyOf } from "./company-of.ts";

/** `sdk <company> [--out <dir>]`: the company's typed SDK, written from its effective metadata. */
export async function sdkCommand(
  deps: EngineDeps,
  slug: string,
  out: string | undefined,
): Promise<void> {
  const company = await companyOf(deps, slug);
  if (company.metadataError)
    console.error(
      `warning: company "${slug}" runs on its last good metadata, and so does its SDK: ${company.metadataError}`,
    );
  let files;
  try {
    files = await writeSdk(company, out === undefined ? defaultSdkDir : path.resolve(out));
  } catch (err) {
    // Its generator and formatter are devDependencies, absent from a production install.
    if ((err as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND")
      throw new CompanyInputError(
        `the sdk command needs the development packages (npm install, not --omit=dev): ${(err as Error).message}`,
      );
    throw err;
  }
  console.log(`wrote the SDK of company "${slug}":\n${files.join("\n")}`);
}
