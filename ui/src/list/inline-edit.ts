import { allows } from "../api/entity-actions.ts";
import type { EntityView, FieldUi } from "../api/meta-types.ts";

/**
 * Whether a list cell may be edited in place: the user may update the
 * entity and the field is writable in the form (not read-only by type, role
 * or layout, not the numbering field). There is no company option to turn
 * inline editing off yet; when there is, it belongs here.
 */
export function cellEditable(entity: EntityView, field: string): boolean {
  const meta = entity.fields[field];
  if (!meta || meta.readOnly || meta.type === "json") return false;
  if ((entity.form[field] as FieldUi | undefined)?.["ui:readonly"]) return false;
  return entity.numbering?.field !== field && allows(entity, "update");
}
