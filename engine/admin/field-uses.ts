import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { refersToRecords } from "../fields/registry.ts";

/**
 * A place in the metadata that names a field: what an admin must know
 * before hiding or relabelling it. `section` is a form section's key,
 * `entity`/`field` the reference whose `filterBy` follows it.
 */
export type FieldUse =
  | { kind: "titleField" | "search" | "numbering" | "listColumn" | "listSort" | "listFilter" }
  | { kind: "form"; section: string | null }
  | { kind: "filterBy"; entity: string; field: string };

/** Every use of each field of `key`, across the company's entities (references of others follow its fields). */
export function fieldUses(
  entities: Readonly<Record<string, EntityDefinition>>,
  key: string,
): Record<string, FieldUse[]> {
  const def = entities[key]!;
  const uses: Record<string, FieldUse[]> = {};
  const add = (field: string, use: FieldUse) => {
    if (Object.hasOwn(def.entity.fields, field)) (uses[field] ??= []).push(use);
  };
  add(def.entity.titleField, { kind: "titleField" });
  for (const f of def.entity.search ?? []) add(f, { kind: "search" });
  if (def.entity.numbering) add(def.entity.numbering.field, { kind: "numbering" });

  const sections = def.form["ui:sections"] ?? [];
  const inSection = new Set<string>();
  for (const s of sections)
    for (const f of s.fields) {
      inSection.add(f);
      add(f, { kind: "form", section: s.key });
    }
  for (const f of def.form["ui:order"] ?? [])
    if (!inSection.has(f)) add(f, { kind: "form", section: null });

  for (const c of def.list.columns) add(c.field, { kind: "listColumn" });
  for (const s of def.list.sort ?? []) add(s.replace(/^-/, ""), { kind: "listSort" });
  for (const f of def.list.filters ?? []) add(f, { kind: "listFilter" });

  // filterBy {target field: own field}: a reference of this entity follows its own field, and
  // a reference to this entity from anywhere compares this entity's field.
  for (const [other, od] of Object.entries(entities)) {
    for (const [name, field] of Object.entries(od.entity.fields)) {
      if (!refersToRecords(field) || !field.filterBy) continue;
      for (const [targetField, ownField] of Object.entries(field.filterBy)) {
        if (other === key) add(ownField, { kind: "filterBy", entity: other, field: name });
        if (field.entity === key)
          add(targetField, { kind: "filterBy", entity: other, field: name });
      }
    }
  }
  return uses;
}
