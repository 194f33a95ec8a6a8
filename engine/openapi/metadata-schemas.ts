import { fieldTypes } from "../fields/registry.ts";
import { locales, userEntity } from "../metadata/metadata-types.ts";
import { schemaRef } from "./component-names.ts";
import type { JsonSchema } from "./openapi-types.ts";

/**
 * Schemas of metadata as `/api/meta` answers it and `/api/admin` takes it.
 * Field types, entity keys and actions come from the registry, the company's
 * metadata and the installed modules, so the document lists exactly what
 * this company can use.
 */
export function metadataSchemas(
  entityKeys: string[],
  actions: readonly string[],
): Record<string, JsonSchema> {
  const textMap = { type: "object", additionalProperties: { type: "string" } };
  const fieldProperties: Record<string, JsonSchema> = {
    type: { type: "string", enum: [...fieldTypes.keys()], description: "A field type." },
    required: { type: "boolean" },
    readOnly: { type: "boolean", description: "Shown but never written through the API." },
    hidden: {
      type: "boolean",
      description: "Removed from answers, screens and this document; the column and its data stay.",
    },
    unique: { type: "boolean" },
    default: { description: "Value used on create when the body leaves the field out." },
    minLength: { type: "integer", minimum: 0 },
    maxLength: { type: "integer", minimum: 1 },
    minimum: { type: "number" },
    maximum: { type: "number" },
    precision: { type: "integer", minimum: 1, maximum: 38 },
    scale: { type: "integer", minimum: 0, maximum: 12 },
    options: {
      type: "array",
      minItems: 1,
      uniqueItems: true,
      items: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$" },
      description:
        "Option keys of an enum or multi-enum field (options can be added, never removed).",
    },
    entity: {
      type: "string",
      enum: [...entityKeys, userEntity.key],
      description: "Target entity of a reference.",
    },
    onDelete: { type: "string", enum: ["restrict", "cascade", "setNull"] },
    filterBy: {
      type: "object",
      minProperties: 1,
      maxProperties: 4,
      additionalProperties: { type: "string" },
      description:
        "A reference narrowed by the record's other fields: each key is a field of the target entity that must equal the field of this entity named as its value.",
    },
  };
  const localized = (schema: JsonSchema): JsonSchema => ({
    type: "object",
    properties: Object.fromEntries(locales.map((l) => [l, schema])),
    additionalProperties: false,
  });
  return {
    FieldDefinition: {
      type: "object",
      description: "A field of an entity's effective metadata.",
      required: ["type"],
      properties: fieldProperties,
      additionalProperties: false,
    },
    NewField: {
      type: "object",
      description: "A company's own field: its key, its definition and its labels.",
      required: ["key", "type"],
      properties: {
        key: {
          type: "string",
          pattern: "^x_[a-z][a-z0-9_]{0,45}$",
          description:
            "x_ followed by lower-case letters, digits or _, such as x_wechat; a key once used is never reused.",
        },
        ...fieldProperties,
        labels: schemaRef("FieldLabels"),
      },
      additionalProperties: false,
    },
    FieldChange: {
      type: "object",
      description:
        "Properties of a field to change (a field's type, entity, precision, scale and onDelete are fixed once created), and optionally its labels.",
      properties: {
        ...fieldProperties,
        labels: schemaRef("FieldLabels"),
      },
      additionalProperties: false,
    },
    FieldLabels: {
      ...localized({ type: "string" }),
      description: 'A field\'s label per locale, such as `{"zh-CN": "微信", "en": "WeChat"}`.',
    },
    Labels: {
      type: "object",
      description:
        "What people read in one locale: entity name, field labels, option labels, sections, help.",
      properties: {
        entity: { type: "string" },
        plural: { type: "string" },
        fields: textMap,
        options: { type: "object", additionalProperties: textMap },
        sections: textMap,
        help: textMap,
        modules: textMap,
      },
    },
    LocalizedLabels: localized(schemaRef("Labels")),
    EntityView: {
      type: "object",
      description: "An entity's effective metadata; hidden fields are left out.",
      required: [
        "key",
        "module",
        "titleField",
        "search",
        "numbering",
        "actions",
        "fields",
        "form",
        "list",
        "labels",
      ],
      properties: {
        key: { type: "string", enum: entityKeys },
        module: { type: "string" },
        titleField: { type: "string" },
        search: { type: "array", items: { type: "string" } },
        actions: {
          type: "array",
          description: "What you may do with its records; offer nothing else.",
          items: { type: "string", enum: [...actions] },
        },
        numbering: {
          anyOf: [
            {
              type: "object",
              required: ["field", "pattern"],
              properties: { field: { type: "string" }, pattern: { type: "string" } },
            },
            { type: "null" },
          ],
        },
        fields: { type: "object", additionalProperties: schemaRef("FieldDefinition") },
        form: {
          type: "object",
          description: "A react-jsonschema-form uiSchema with `ui:sections`.",
        },
        list: { type: "object", description: "Default columns, sort, quick filters, page size." },
        labels: schemaRef("LocalizedLabels"),
      },
    },
    MetaView: {
      type: "object",
      description: "The effective metadata of the session's company.",
      required: ["version", "company", "options", "modules", "entities"],
      properties: {
        version: { type: "string", description: "The metadata version (also X-Meta-Version)." },
        options: {
          type: "object",
          description: "Company-wide switches set by its admins.",
          properties: {
            inlineEdit: {
              type: "boolean",
              description: "Whether lists let users change values in the grid.",
            },
          },
        },
        company: schemaRef("Company"),
        modules: {
          type: "array",
          items: {
            type: "object",
            required: ["key", "icon", "labels", "menu"],
            properties: {
              key: { type: "string" },
              icon: { type: ["string", "null"] },
              labels: localized({ type: "string" }),
              menu: { type: "array", items: { type: "object" } },
            },
          },
        },
        entities: { type: "object", additionalProperties: schemaRef("EntityView") },
      },
    },
  };
}
