import { createSession } from "../engine/auth/sessions.ts";
import { schemaOf } from "../engine/companies/company-slug.ts";
import { createCompany } from "../engine/companies/create-company.ts";
import { defaultCompanySettings } from "../engine/companies/company-settings.ts";
import type { EngineDeps } from "../engine/engine-deps.ts";

export const benchUser = { username: "bench", password: "bench-password-1" };

/** Creates the benchmark company when missing and returns a session cookie of its user. */
export async function prepareBenchCompany(deps: EngineDeps, slug: string): Promise<string> {
  const schema = schemaOf(slug);
  if (!(await deps.companies.find(slug))) {
    await createCompany(
      deps.database,
      deps.base,
      deps.modules,
      { slug, name: "Benchmark", settings: defaultCompanySettings, admin: benchUser },
      deps.newId,
    );
  }
  const user = (await deps.database.db
    .selectFrom(`${schema}.sys_user`)
    .select("id")
    .executeTakeFirstOrThrow()) as {
    id: string;
  };
  return `sid=${await createSession(deps.database.db, schema, slug, user.id, new Date())}`;
}
