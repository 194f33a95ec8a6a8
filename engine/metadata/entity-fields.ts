import type { EntityDefinition } from "./metadata-types.ts";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import { tr, type Text } from "../i18n/text.ts";

const visible = new WeakMap<EntityDefinition, readonly [string, FieldMetadata][]>();

/**
 * Fields that appear in answers: everything not hidden, in metadata order.
 * Effective metadata never changes once built, so the list is computed once
 * per entity definition; rows of every answer are shaped by it.
 */
export function visibleFields(def: EntityDefinition): readonly [string, FieldMetadata][] {
  let fields = visible.get(def);
  if (!fields) {
    fields = Object.freeze(Object.entries(def.entity.fields).filter(([, f]) => !f.hidden));
    visible.set(def, fields);
  }
  return fields;
}

/** Why a client may not write a visible field, or undefined when it may. */
export function readOnlyReason(
  def: EntityDefinition,
  name: string,
  field: FieldMetadata,
): Text | undefined {
  if (isAutoNumbered(def, name)) return tr("is a document number assigned by the server");
  if (field.readOnly) return tr("is read-only");
  return undefined;
}

/** Whether the server numbers `name` on create (automatic numbering, the default). */
export function isAutoNumbered(def: EntityDefinition, name: string): boolean {
  const numbering = def.entity.numbering;
  return numbering?.field === name && numbering.automatic !== false;
}
