import type { FieldMetadata, Labels, Locale } from "../../../metadata/types.gen.ts";

/** The entity designer's reads (engine/admin/designer-routes.ts) as its screens use them. */

export type PerLocale<T> = Record<Locale, T>;

export interface DesignerEntitySummary {
  key: string;
  module: string;
  labels: PerLocale<{ entity: string; plural: string }>;
  fieldCount: number;
  customFieldCount: number;
  /** The company's own entity (x_…), which it may archive. */
  custom: boolean;
}

export interface DesignerModule {
  key: string;
  labels: PerLocale<string>;
}

export interface DesignerEntities {
  items: DesignerEntitySummary[];
  archived: { key: string; labels: PerLocale<{ entity: string }> }[];
  modules: DesignerModule[];
}

/** Where a field is named: the designer shows it before a field is hidden or renamed. */
export interface FieldUse {
  kind: string;
  section?: string | null;
  entity?: string;
  field?: string;
}

export interface DesignerField {
  key: string;
  /** false for the company's own (x_…) fields. */
  base: boolean;
  definition: FieldMetadata;
  uses: FieldUse[];
}

export interface DesignerEntity {
  key: string;
  module: string;
  titleField: string;
  fields: DesignerField[];
  sections: string[];
  labels: PerLocale<Labels>;
}

/** A JSON Schema fragment of one field property, as the engine checks it. */
export interface PropertySchema {
  type?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  items?: PropertySchema;
  description?: string;
}

/**
 * The JSON type a property's value takes: JSON Schema's `type`, which shares
 * words ("boolean", "integer") with field types but is not one.
 */
export const jsonType = (schema: PropertySchema) => schema.type;

export interface TypeProperty {
  key: string;
  schema: PropertySchema;
  /** Decides the column: set when the field is added, never changed. */
  fixed: boolean;
}

export interface FieldTypeEntry {
  key: string;
  labels: PerLocale<string>;
  properties: TypeProperty[];
  /** The JSON type of a value, for a default; null when none is typed. */
  valueType: string | null;
  refersToRecords: boolean;
  holdsSet: boolean;
}
