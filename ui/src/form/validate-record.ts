import type { FieldProblem } from "../api/api-failure.ts";
import type { EntityView } from "../../../metadata/types.gen.ts";
import type { ValidateFn } from "../api/validators.ts";
import { hasMessage, t } from "../i18n/i18n.ts";

const shapeRules = new Set(["pattern", "format", "type"]);

/** A problem's text in the current language; a rule the UI has no words for keeps the server's. */
export function problemText(
  rule: string,
  message: string,
  params: Record<string, unknown> = {},
): string {
  const key = shapeRules.has(rule) ? "invalid.format" : `invalid.${rule}`;
  if (!hasMessage(key)) return message;
  const limit = params.limit ?? /\d+/.exec(message)?.[0] ?? "";
  return t(key, { limit: String(limit) });
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * Checks a payload in the browser with the server's own rules: required
 * fields, then the precompiled schema on the non-null values (as the server
 * does), one problem per field. Returns field → message.
 */
export function validateRecord(
  entity: EntityView,
  validate: ValidateFn | undefined,
  payload: Record<string, unknown>,
  creating: boolean,
  writable: readonly string[],
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const name of writable) {
    const field = entity.fields[name];
    if (!field?.required) continue;
    const missing =
      name in payload ? isEmpty(payload[name]) : creating && field.default === undefined;
    if (missing) problems[name] = t("invalid.required");
  }
  const nonNull = Object.fromEntries(Object.entries(payload).filter(([, v]) => !isEmpty(v)));
  if (validate && !validate(nonNull)) {
    for (const e of validate.errors ?? []) {
      const name = e.instancePath.split("/")[1] ?? "";
      problems[name] ??= problemText(e.keyword, e.message ?? "", e.params);
    }
  }
  return problems;
}

/**
 * Server problems (400 details.fields) as field → message. The engine words
 * them in the language on screen (http.ts sends it), and more precisely than
 * the UI could from the rule alone.
 */
export function serverProblems(problems: FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) out[p.field] ??= p.message;
  return out;
}
