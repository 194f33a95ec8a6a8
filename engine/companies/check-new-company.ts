import { checkPasswordRules } from "./password.ts";
import { checkCompanySettings } from "./company-settings.ts";
import { checkSlug } from "./company-slug.ts";
import type { NewCompany } from "./create-company.ts";

/**
 * What is wrong with a company as asked, one message per problem, without
 * the database: the CLI checks its arguments with it before opening one.
 */
export function checkNewCompany(input: NewCompany): string[] {
  return [
    checkSlug(input.slug),
    input.name.trim() === "" ? "a company needs a name" : undefined,
    ...checkCompanySettings(input.settings),
    /^[a-zA-Z0-9_.@-]{1,64}$/.test(input.admin.username)
      ? undefined
      : `admin username "${input.admin.username}" may contain only letters, digits and _ . @ -`,
    checkPasswordRules(input.admin.password)?.toString(),
  ].filter((p): p is string => p !== undefined);
}
