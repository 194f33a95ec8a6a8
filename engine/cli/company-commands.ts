import { createCompany, type NewCompany } from "../companies/create-company.ts";
import type { EngineDeps } from "../engine-deps.ts";
import { platformTables } from "../db/system-tables.ts";

/** `company create`, its arguments already checked (cli-arguments.ts). */
export async function companyCreate(deps: EngineDeps, company: NewCompany): Promise<void> {
  await createCompany(deps.database, deps.base, deps.modules, company, deps.newId);
  const s = company.settings;
  console.log(
    `created company "${company.slug}" (${s.timezone}, ${s.currency} with ${s.currencyDecimals} decimals, ${s.language}); its admin "${company.admin.username}" can log in now`,
  );
}

export async function companyList(deps: EngineDeps): Promise<void> {
  const rows = await platformTables(deps.database.db)
    .selectFrom("company")
    .select(["slug", "name", "settings", "created_at"])
    .orderBy("slug")
    .execute();
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
