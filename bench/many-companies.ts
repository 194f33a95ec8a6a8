import { createSession } from "../engine/auth/sessions.ts";
import { schemaOf } from "../engine/companies/company-slug.ts";
import { createCompany } from "../engine/companies/create-company.ts";
import { defaultCompanySettings } from "../engine/companies/company-settings.ts";
import type { EngineDeps } from "../engine/engine-deps.ts";
import { benchUser } from "./bench-company.ts";
import { seedCustomers } from "./seed-customers.ts";

/** The slug of the memory benchmark's n-th company (1-based). */
export const manySlug = (n: number) => `mem${String(n).padStart(3, "0")}`;

/**
 * Companies `mem001`…, each with `customers` customers, created when missing
 * (a company's schema takes a second or two); returns a session cookie of
 * each one's admin, in order.
 */
export async function prepareManyCompanies(
  deps: EngineDeps,
  ownerUrl: string,
  count: number,
  customers: number,
): Promise<string[]> {
  const cookies: string[] = [];
  const started = Date.now();
  let created = 0;
  for (let n = 1; n <= count; n++) {
    const slug = manySlug(n);
    if (!(await deps.companies.find(slug))) {
      await createCompany(
        deps.database,
        deps.base,
        deps.modules,
        { slug, name: `Memory ${n}`, settings: defaultCompanySettings, admin: benchUser },
        deps.newId,
      );
      created++;
    }
    await seedCustomers(ownerUrl, schemaOf(slug), customers);
    const user = (await deps.database.db
      .selectFrom(`${schemaOf(slug)}.sys_user`)
      .select("id")
      .executeTakeFirstOrThrow()) as { id: string };
    cookies.push(
      `sid=${await createSession(deps.database.db, schemaOf(slug), slug, user.id, new Date())}`,
    );
  }
  if (created > 0)
    console.log(`${created} companies created in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return cookies;
}
