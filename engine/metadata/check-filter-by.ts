import { getFieldType } from "../fields/registry.ts";
import type { Locate } from "./check-entity.ts";
import { pointer, type MetadataProblem } from "./metadata-error.ts";
import { userEntity, type EntityDefinition } from "./metadata-types.ts";
import type { FieldMetadata } from "./types.gen.ts";
import { own } from "./own-key.ts";

const describe = (f: FieldMetadata) =>
  f.type === "reference" ? `reference to ${f.entity}` : f.type;

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
    if (!field.filterBy || field.type !== "reference") continue;
    const report = (rule: string, ...at: string[]) =>
      problems.push({ ...locate("entity", pointer("fields", name, "filterBy", ...at)), rule });
    if (field.entity === userEntity.key) {
      report("filterBy narrows references to entities, not to users");
      continue;
    }
    const target = own(entities, field.entity ?? "");
    if (!target) continue;
    for (const [theirs, mine] of Object.entries(field.filterBy)) {
      const there = own(target.entity.fields, theirs);
      const here = own(fields, mine);
      if (!there) {
        report(`unknown field "${theirs}" of entity "${field.entity!}"`, theirs);
        continue;
      }
      if (!here || mine === name) {
        report(`unknown field "${mine}": filterBy follows another field of this entity`, theirs);
        continue;
      }
      if (there.hidden || here.hidden) {
        const hidden = there.hidden ? `${field.entity!}.${theirs}` : `${key}.${mine}`;
        report(`"${hidden}" is hidden, and ${key}.${name} is narrowed by it`, theirs);
        continue;
      }
      if (there.type !== here.type || there.entity !== here.entity) {
        report(
          `"${field.entity!}.${theirs}" (${describe(there)}) cannot equal "${mine}" (${describe(here)})`,
          theirs,
        );
        continue;
      }
      if (!getFieldType(there.type)?.operators.includes("eq"))
        report(`fields of type ${there.type} cannot be compared for equality`, theirs);
    }
  }
  return problems;
}
