import { fieldTypes } from "../fields/registry.ts";
import { userEntity } from "../metadata/metadata-types.ts";
import { schemaRef } from "./component-names.ts";
import { metaSchemaComponents } from "./meta-schema-components.ts";
import type { JsonSchema } from "./openapi-types.ts";

/**
 * Schemas of metadata as `/api/meta` answers it and `/api/admin` takes it:
 * the meta-schemas' components, narrowed to what this company can use
 * (field types from the registry, entity keys from its metadata, actions
 * from the installed modules), and the
 * admin's field bodies made of the same field properties.
 */
export function metadataSchemas(
  entityKeys: string[],
  actions: readonly string[],
): Record<string, JsonSchema> {
  const meta = metaSchemaComponents();
  const narrowed = {
    FieldPatch: withProperties(meta.FieldPatch, {
      type: { type: "string", enum: [...fieldTypes.keys()], description: "A field type." },
      entity: {
        type: "string",
        enum: [...entityKeys, userEntity.key],
        description: "Target entity of a reference.",
      },
    }),
    EntityView: withProperties(meta.EntityView, {
      key: { type: "string", enum: entityKeys },
      actions: {
        type: "array",
        description: "What you may do with its records; offer nothing else.",
        items: { type: "string", enum: [...actions] },
      },
    }),
  };
  const fieldProperties = properties(narrowed.FieldPatch);
  return {
    ...meta,
    ...narrowed,
    // The name routes refer to for a field of the effective metadata.
    FieldDefinition: schemaRef("FieldMetadata"),
    NewField: {
      type: "object",
      description: "A company's own field: its key, its definition and its labels.",
      required: ["key", "type"],
      properties: {
        key: schemaRef("CustomFieldKey"),
        ...fieldProperties,
        labels: schemaRef("LocalizedText"),
      },
      additionalProperties: false,
    },
    FieldChange: {
      type: "object",
      description:
        "Properties of a field to change (a field's type, entity, precision, scale and onDelete are fixed once created), and optionally its labels.",
      properties: { ...fieldProperties, labels: schemaRef("LocalizedText") },
      additionalProperties: false,
    },
  };
}

const properties = (schema: JsonSchema | undefined) =>
  (schema?.properties ?? {}) as Record<string, JsonSchema>;

function withProperties(schema: JsonSchema | undefined, changed: Record<string, JsonSchema>) {
  return { ...schema, properties: { ...properties(schema), ...changed } };
}
