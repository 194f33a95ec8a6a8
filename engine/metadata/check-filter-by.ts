import { getFieldType, refersToRecords } from "../fields/registry.ts";
import type { Locate } from "./check-entity.ts";
import { pointer, type MetadataProblem } from "./metadata-error.ts";
import { userEntity, type EntityDefinition } from "./metadata-types.ts";
import type { FieldMetadata } from "./types.gen.ts";
import { own } from "./own-key.ts";
import { tr, type Text } from "../i18n/text.ts";

const describe = (f: FieldMetadata) => (refersToRecords(f) ? `reference to ${f.entity}` : f.type);

/**
 * A reference's `filterBy` names, per pair, a field of the target entity and
 * a field of this entity that it must equal: both must exist and be seen
 * (not hidden), be of one type (references to one entity), and be comparable
 * for equality — rules that need every entity at once, so they run after
 * each entity's own checks.
 *
 * @example
 * // activity.contact: { type: "reference", entity: "contact", filterBy: { customer: "customer" } }
 * checkFilterBy(entities, "activity", locate) // [] — contact.customer and activity.customer are both references to customer
 */
export function checkFilterBy(
  entities: Readonly<Record<string, EntityDefinition>>,
  key: string,
  locate: Locate,
): MetadataProblem[] {
  const problems: MetadataProblem[] = [];
  const fields = entities[key]!.entity.fields;
  for (const [name, field] of Object.entries(fields)) {
    if (!field.filterBy || !refersToRecords(field)) continue;
    const report = (rule: Text, ...at: string[]) =>
      problems.push({ ...locate("entity", pointer("fields", name, "filterBy", ...at)), rule });
    if (field.entity === userEntity.key) {
      report(tr("filterBy narrows references to entities, not to users"));
      continue;
    }
    const target = own(entities, field.entity ?? "");
    if (!target) continue;
    for (const [theirs, mine] of Object.entries(field.filterBy)) {
      const there = own(target.entity.fields, theirs);
      const here = own(fields, mine);
      if (!there) {
        report(
          tr('unknown field "{field}" of entity "{entity}"', {
            field: theirs,
            entity: field.entity!,
          }),
          theirs,
        );
        continue;
      }
      if (!here || mine === name) {
        report(
          tr('unknown field "{field}": filterBy follows another field of this entity', {
            field: mine,
          }),
          theirs,
        );
        continue;
      }
      if (there.hidden || here.hidden) {
        const hidden = there.hidden ? `${field.entity!}.${theirs}` : `${key}.${mine}`;
        report(
          tr('"{hidden}" is hidden, and {narrowed} is narrowed by it', {
            hidden,
            narrowed: `${key}.${name}`,
          }),
          theirs,
        );
        continue;
      }
      if (there.type !== here.type || there.entity !== here.entity) {
        report(
          tr('"{theirs}" ({theirType}) cannot equal "{mine}" ({myType})', {
            theirs: `${field.entity!}.${theirs}`,
            theirType: describe(there),
            mine,
            myType: describe(here),
          }),
          theirs,
        );
        continue;
      }
      if (!getFieldType(there.type)?.operators.includes("eq"))
        report(
          tr("fields of type {type} cannot be compared for equality", { type: there.type }),
          theirs,
        );
    }
  }
  return problems;
}
