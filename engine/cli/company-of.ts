import type { CompanyContext } from "../companies/company-context.ts";
import { CompanyInputError } from "../companies/create-company.ts";
import type { EngineDeps } from "../engine-deps.ts";

/** The whole context of a company a command names (its effective metadata, no user's view), or a refusal naming it. */
export async function companyOf(deps: EngineDeps, slug: string): Promise<CompanyContext> {
  const row = await deps.companies.find(slug);
  if (!row) throw new CompanyInputError(`no company "${slug}"`);
  return deps.companies.get(row);
}
