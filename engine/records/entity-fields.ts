import type { EntityDefinition } from "../metadata/metadata-types.ts";
import type { FieldMetadata } from "../metadata/types.gen.ts";

/** Fields that appear in answers: everything not hidden, in metadata order. */
export function visibleFields(def: EntityDefinition): [string, FieldMetadata][] {
  return Object.entries(def.entity.fields).filter(([, f]) => !f.hidden);
}

/** Why a client may not write a visible field, or undefined when it may. */
export function readOnlyReason(
  def: EntityDefinition,
  name: string,
  field: FieldMetadata,
): string | undefined {
  if (def.entity.numbering?.field === name) return "is a document number assigned by the server";
  if (field.readOnly) return "is read-only";
  return undefined;
}
