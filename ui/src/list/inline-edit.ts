import { allows } from "../api/entity-actions.ts";
import { meta as companyMeta } from "../api/meta-store.ts";
import type { EntityView, FieldUi } from "../api/meta-types.ts";
import { uiFieldType } from "../fields/type-registry.ts";

/**
 * Whether a list cell may be edited in place: the company allows inline
 * editing (its `inlineEdit` option), the user may update the entity, and the
 * field is writable in the form (not read-only by type, role or layout, not
 * the numbering field).
 */
export function cellEditable(entity: EntityView, field: string): boolean {
  if (companyMeta()?.options?.inlineEdit === false) return false;
  const meta = entity.fields[field];
  if (!meta || meta.readOnly || uiFieldType(meta.type).unlisted) return false;
  if ((entity.form[field] as FieldUi | undefined)?.["ui:readonly"]) return false;
  return entity.numbering?.field !== field && allows(entity, "update");
}
