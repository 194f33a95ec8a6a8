import { createCompany, type NewCompany } from "../companies/create-company.ts";
import type { CompanySettings } from "../companies/company-settings.ts";
import type { EngineDeps } from "../engine-deps.ts";

/** `company create`, its arguments already checked (cli-arguments.ts). */
export async function companyCreate(deps: EngineDeps, company: NewCompany): Promise<void> {
  await createCompany(deps.database, deps.base, deps.modules, company, deps.newId);
  const s = company.settings;
  console.log(
    `created company "${company.slug}" (${s.timezone}, ${s.currency} with ${s.currencyDecimals} decimals, ${s.language}); its admin "${company.admin.username}" can log in now`,
  );
}

export async function companyList(deps: EngineDeps): Promise<void> {
  const rows = (await deps.database.db
    .selectFrom("platform.company")
    .select(["slug", "name", "settings", "created_at"])
    .orderBy("slug")
    .execute()) as {
    slug: string;
    name: string;
    settings: CompanySettings;
    created_at: string;
  }[];
  if (rows.length === 0) {
    console.log("no companies yet: npm run cli -- company create <slug> ...");
    return;
  }
  for (const r of rows) {
    console.log(
      `${r.slug}\t${r.name}\t${r.settings.timezone}\t${r.settings.currency}/${r.settings.currencyDecimals}\t${r.settings.language}\t${r.created_at}`,
    );
  }
}
