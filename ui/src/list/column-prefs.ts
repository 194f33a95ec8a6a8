import { api } from "../api/http.ts";
import type { EntityView } from "../api/meta-types.ts";
import { uiFieldType } from "../fields/type-registry.ts";

const systemColumns = ["owner", "createdAt", "updatedAt", "createdBy", "updatedBy"];

/** The preference key of an entity list's columns (X4), stored per user on the server. */
export const columnsKey = (entity: string) => `list.${entity}.columns`;

/** Every column the list may show: its default columns first, then the other fields. */
export function candidateColumns(entity: EntityView): string[] {
  const defaults = entity.list.columns.map((c) => c.field);
  const fields = Object.keys(entity.fields).filter(
    (f) => !uiFieldType(entity.fields[f]!.type).unlisted,
  );
  return [...new Set([...defaults, ...fields, ...systemColumns])].filter(
    (f) => entity.fields[f] || systemColumns.includes(f),
  );
}

/**
 * The columns to show, in order: the user's saved choice when there is one
 * (columns no longer visible to them dropped), else the list's metadata.
 */
export function shownColumns(
  entity: EntityView,
  saved: string[] | null,
): { field: string; width?: number }[] {
  const candidates = candidateColumns(entity);
  const widths = new Map(entity.list.columns.map((c) => [c.field, c.width]));
  const fields = (saved ?? entity.list.columns.map((c) => c.field)).filter((f) =>
    candidates.includes(f),
  );
  return fields.map((field) => ({ field, width: widths.get(field) }));
}

export async function readColumns(entity: string): Promise<string[] | null> {
  const pref = await api<{ value: { shown?: string[] } | null }>(
    "GET",
    `/api/prefs/${columnsKey(entity)}`,
  );
  return Array.isArray(pref.value?.shown) ? pref.value.shown : null;
}

export async function saveColumns(entity: string, shown: string[] | null): Promise<void> {
  if (shown === null) await api("DELETE", `/api/prefs/${columnsKey(entity)}`);
  else await api("PUT", `/api/prefs/${columnsKey(entity)}`, { value: { shown } });
}
