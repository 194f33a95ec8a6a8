import { pointer, type MetadataProblem } from "./metadata-error.ts";
import type { MetadataSet } from "./metadata-types.ts";
import { own } from "./own-key.ts";
import { tr } from "../i18n/text.ts";

/** Properties that decide a field's column: once the column exists they cannot change. */
export const storageProperties = ["type", "entity", "precision", "scale", "onDelete"] as const;

/**
 * Problems of a metadata change that would change the storage of a field
 * that already exists (base or custom): sync never alters a column, so the
 * column would silently disagree with its metadata.
 */
export function storageChanges(
  before: MetadataSet,
  after: MetadataSet,
  source: string,
): MetadataProblem[] {
  const problems: MetadataProblem[] = [];
  for (const [key, def] of Object.entries(after.entities)) {
    const previous = own(before.entities, key);
    if (!previous) continue;
    for (const [name, field] of Object.entries(def.entity.fields)) {
      const old = own(previous.entity.fields, name);
      if (!old) continue;
      for (const prop of storageProperties) {
        if (old[prop] !== field[prop]) {
          problems.push({
            source,
            pointer: pointer("entities", key, "fields", name, prop),
            rule: tr(
              '"{property}" of field "{field}" cannot change once the field exists (its column and data keep their type)',
              { property: prop, field: name },
            ),
          });
        }
      }
    }
  }
  return problems;
}
