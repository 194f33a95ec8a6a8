import { maxSlugLength } from "../companies/company-slug.ts";
import { ApiError, type FieldProblem } from "../http/api-error.ts";
import { passwordRules } from "../companies/password.ts";
import { tr, type Text } from "../i18n/text.ts";
import { fieldTexts } from "../http/field-texts.ts";

/** The longest username a company can have (the username pattern of user creation). */
const maxUsernameLength = 64;

/** The longest value each field of a login or password change may hold. */
export const loginFieldLimits = {
  company: maxSlugLength,
  username: maxUsernameLength,
  password: passwordRules.maxLength,
  currentPassword: passwordRules.maxLength,
  newPassword: passwordRules.maxLength,
} as const;

/** Fields stored or looked up as PostgreSQL text, which cannot hold U+0000. */
const textFields = new Set(["company", "username"]);

const problem = (field: string, rule: string, message: Text): FieldProblem => ({
  field,
  rule,
  message,
});

/**
 * Reads the named string fields of a login-path body, refusing before any
 * work (400, one problem per field) a missing or non-string value, one
 * longer than any account could have, and a NUL where the value reaches
 * SQL: no password is hashed and no attempt counted for such a request.
 */
export function readLoginFields<K extends keyof typeof loginFieldLimits>(
  body: Record<string, unknown>,
  fields: readonly K[],
): Record<K, string> {
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    const value = body[field];
    const limit = loginFieldLimits[field];
    if (typeof value !== "string")
      problems.push(problem(field, "type", tr("is required, as a string")));
    else if (value.length > limit)
      problems.push(
        problem(field, "maxLength", tr("has at most {max} characters", { max: limit })),
      );
    else if (textFields.has(field) && value.includes("\u0000"))
      problems.push(problem(field, "nul", fieldTexts.nul()));
  }
  if (problems.length > 0) throw ApiError.invalidRequest(problems);
  return Object.fromEntries(fields.map((f) => [f, body[f]])) as Record<K, string>;
}
