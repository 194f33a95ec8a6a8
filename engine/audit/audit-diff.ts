/** One value that a change set from `before` to `after`, at a JSON path such as `permissions/entities/customer/scope`. */
export interface AuditChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

/**
 * What an audited change changed, leaf by leaf: from `before` to `after`
 * (a whole new state) or to `change` (a partial one: only its keys were set).
 * Arrays compare whole, as a reader sees a list of modules or roles change.
 *
 * @example
 * auditChanges({ before: { name: "A", x: 1 }, change: { name: "B" } })
 * // [{ path: "name", before: "A", after: "B" }]
 */
export function auditChanges(detail: unknown): AuditChange[] {
  if (!isObject(detail) || !("before" in detail)) return [];
  const out: AuditChange[] = [];
  if ("after" in detail) walk(detail.before, detail.after, "", out, false);
  else if ("change" in detail) walk(detail.before, detail.change, "", out, true);
  return out;
}

function walk(before: unknown, after: unknown, path: string, out: AuditChange[], partial: boolean) {
  if (isObject(before) && isObject(after)) {
    const keys = partial
      ? Object.keys(after)
      : [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) {
      if (partial && after[k] === undefined) continue;
      walk(before[k], after[k], path ? `${path}/${k}` : k, out, false);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after))
    out.push({ path, before: before ?? null, after: after ?? null });
}
