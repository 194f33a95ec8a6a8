import type { Locale } from "../metadata/metadata-types.ts";
import type { EntityOverlay } from "../../metadata/types.gen.ts";

export type FieldLabels = Partial<Record<Locale, string>>;

/** `labels: {"zh-CN": "微信", "en": "WeChat"}` on a field request sets the field's label per locale. */
export function applyFieldLabels(
  eo: EntityOverlay,
  key: string,
  labels: FieldLabels | undefined,
): void {
  for (const [locale, text] of Object.entries(labels ?? {}) as [Locale, string][]) {
    eo.labels ??= {};
    const l = (eo.labels[locale] ??= {});
    l.fields = { ...l.fields, [key]: text };
  }
}

/** Deep merge of plain objects, for sparse label patches. */
export function mergeSparse<T extends object>(base: T, patch: T): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    const b = out[k];
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object"
        ? mergeSparse(b as object, v as object)
        : v;
  }
  return out as T;
}
