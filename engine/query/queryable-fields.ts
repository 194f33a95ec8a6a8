import { isSystemField, userEntity, type EntityDefinition } from "../metadata/metadata-types.ts";
import { visibleFields } from "../metadata/entity-fields.ts";
import { own } from "../metadata/own-key.ts";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import { getFieldType } from "../fields/registry.ts";

/** System fields as the filter and sort see them. */
const systemFieldTypes: Record<string, FieldMetadata> = {
  id: { type: "reference", entity: "" },
  version: { type: "integer" },
  owner: { type: "reference", entity: userEntity.key },
  createdBy: { type: "reference", entity: userEntity.key },
  updatedBy: { type: "reference", entity: userEntity.key },
  createdAt: { type: "datetime" },
  updatedAt: { type: "datetime" },
};

/** System columns that are never empty: a keyset condition on them needs no case for NULL. */
export const alwaysSet: ReadonlySet<string> = new Set(["id", "version", "createdAt", "updatedAt"]);

/**
 * A field a user may filter or sort by: a visible field of the entity or a
 * system field. Hidden and unknown fields are both unknown.
 */
export function queryableField(def: EntityDefinition, name: string): FieldMetadata | undefined {
  if (isSystemField(name)) return systemFieldTypes[name];
  const field = own(def.entity.fields, name);
  return field && !field.hidden ? field : undefined;
}

/** Every field a filter or sort may name: visible fields, then system fields. */
export function queryableFields(def: EntityDefinition): [string, FieldMetadata][] {
  return [...visibleFields(def), ...Object.entries(systemFieldTypes)];
}

/** Whether a list may sort by the field, as its type says. */
export const isSortable = (field: FieldMetadata) => getFieldType(field.type)?.sortable === true;
