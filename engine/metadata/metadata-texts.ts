import { named, tr } from "../i18n/text.ts";
import { locales, type EntityDefinition } from "./metadata-types.ts";

/** The metadata rules broken in many places, worded once. */
export const unknownField = (field: string) => tr('unknown field "{field}"', { field });
export const unknownEntity = (entity: string) => tr('unknown entity "{entity}"', { entity });

/** An entity as its labels name it in the reader's language ("客户", "customer"). */
export const entityName = (def: EntityDefinition) =>
  named(Object.fromEntries(locales.map((l) => [l, def.labels[l]?.entity])), def.entity.key);

/** An entity's records as its labels name them in the reader's language ("Customers"). */
export const entitiesName = (def: EntityDefinition) =>
  named(
    Object.fromEntries(locales.map((l) => [l, def.labels[l]?.plural ?? def.labels[l]?.entity])),
    def.entity.key,
  );

/** A field as its entity's labels name it in the reader's language. */
export const fieldName = (def: EntityDefinition, field: string) =>
  named(Object.fromEntries(locales.map((l) => [l, def.labels[l]?.fields?.[field]])), field);
