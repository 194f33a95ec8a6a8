import { ApiFailure } from "../api/api-failure.ts";

/**
 * Where on the field editor each of the server's refusals belongs: a
 * property's input (`maxLength`), a label's (`labels.en`, `help.zh-CN`,
 * `placeholders.en`, `option.A.en`), the key, or `_` for the form as a whole.
 * The words are the server's, in the language the request asked for.
 */
export function designerProblems(
  err: unknown,
  field: string,
  changed: readonly string[],
): Record<string, string> {
  if (!(err instanceof ApiFailure)) return { _: String((err as Error)?.message ?? err) };
  const out: Record<string, string> = {};
  const put = (where: string, message: string) => {
    out[where] = out[where] ? `${out[where]}; ${message}` : message;
  };
  for (const p of err.fieldProblems) put(bodyPlace(p.field, changed), p.message);
  const problems = (err.details as { problems?: { pointer: string; rule: string }[] } | null)
    ?.problems;
  for (const p of Array.isArray(problems) ? problems : [])
    put(metadataPlace(p.pointer, field), p.rule);
  if (Object.keys(out).length > 0) return out;
  if (err.code === "key_used") return { key: err.message };
  // A refusal about data (rows breaking `required`/`unique`) belongs to the one thing changed.
  return { [changed.length === 1 ? changed[0]! : "_"]: err.message };
}

/** `labels.zh-CN` or `/maxLength` of a request body → its input. */
function bodyPlace(path: string, changed: readonly string[]): string {
  const parts = path.replace(/^\//, "").split(/[./]/);
  if (parts[0] === "labels" && parts[1]) return `labels.${parts[1]}`;
  if (parts[0] && (parts[0] === "key" || changed.includes(parts[0]))) return parts[0];
  return "_";
}

/** `/entities/customer/fields/x_a/scale` or `/entities/customer/labels/en/help/x_a` → its input. */
function metadataPlace(pointer: string, field: string): string {
  const parts = pointer.split("/").slice(3);
  if (parts[0] === "fields" && parts[1] === field && parts[2]) return parts[2];
  if (parts[0] === "labels" && parts[1]) {
    const [, locale, map, key, option] = parts;
    if (map === "fields" && key === field) return `labels.${locale}`;
    if ((map === "help" || map === "placeholders") && key === field) return `${map}.${locale}`;
    if (map === "options" && key === field && option) return `option.${option}.${locale}`;
  }
  return "_";
}
