import type { FieldContext } from "../fields/field-type.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { readOnlyReason, visibleFields } from "../metadata/entity-fields.ts";
import { displayedFields } from "../query/record-json.ts";
import { uuidSchema } from "./common-components.ts";
import { withArticle } from "./article.ts";
import { entitySchemaNames, schemaRef } from "./component-names.ts";
import { fieldSchema } from "./field-schema.ts";
import { localeLabels } from "./locale-labels.ts";
import { nullable } from "./nullable.ts";
import type { JsonSchema } from "./openapi-types.ts";
import { refersToRecords } from "../fields/registry.ts";

const userRefs = {
  owner: "The user who owns the record.",
  createdBy: "The user who created the record.",
  updatedBy: "The user who last changed the record.",
} as const;

/**
 * The component schemas of one entity: `<entity>` (a record as answered),
 * `<entity>Create` and `<entity>Patch` (request bodies: writable fields
 * only, which leaves out system fields, read-only fields and the document
 * number), and `<entity>List` (a page of records).
 */
export function entitySchemas(
  def: EntityDefinition,
  ctx: FieldContext,
): Record<string, JsonSchema> {
  const names = entitySchemaNames(def.entity.key);
  const entityLabel = def.labels.en.entity ?? def.entity.key;
  const labelled = localeLabels((l) => def.labels[l].entity);
  const fields = visibleFields(def);
  const writable = fields.filter(([name, field]) => !readOnlyReason(def, name, field));
  const writeProperties = Object.fromEntries(
    writable.map(([name, field]) => [name, fieldSchema(def, name, field, ctx, "write")]),
  );

  const record: JsonSchema = {
    type: "object",
    description: `${capitalize(withArticle(entityLabel))} record as the API answers it: every visible field is present, null when empty.`,
    ...labelled,
    properties: {
      id: {
        ...uuidSchema,
        readOnly: true,
        description: "The record's id (UUIDv7), assigned by the server.",
      },
      ...Object.fromEntries(
        fields.map(([name, field]) => [name, fieldSchema(def, name, field, ctx, "record")]),
      ),
      ...Object.fromEntries(
        Object.entries(userRefs).map(([name, description]) => [
          name,
          { ...nullable(uuidSchema), readOnly: true, description },
        ]),
      ),
      createdAt: {
        type: "string",
        format: "date-time",
        readOnly: true,
        description: "When the record was created (UTC).",
      },
      updatedAt: {
        type: "string",
        format: "date-time",
        readOnly: true,
        description: "When the record last changed (UTC).",
      },
      version: {
        type: "integer",
        minimum: 1,
        readOnly: true,
        description:
          'Incremented by every write; send it back as `If-Match: "<version>"` to change the record.',
      },
      _display: displaySchema(def),
    },
  };
  record.required = Object.keys(record.properties as object);

  return {
    [names.record]: record,
    [names.create]: {
      type: "object",
      description: `A new ${entityLabel}. Fields left out take their default; server-managed fields (id, version, owner, createdBy, updatedBy, createdAt, updatedAt, document numbers) and read-only fields are refused.`,
      ...labelled,
      properties: writeProperties,
      required: writable
        .filter(([, f]) => f.required === true && f.default === undefined)
        .map(([name]) => name),
      additionalProperties: false,
    },
    [names.patch]: {
      type: "object",
      description: `Changes to ${withArticle(entityLabel)}: a field left out stays as it is, null clears it.`,
      ...labelled,
      properties: writeProperties,
      additionalProperties: false,
    },
    [names.list]: {
      type: "object",
      description: `A page of ${def.labels.en.plural ?? entityLabel}, how many records the filter matches, and the cursor of the next page.`,
      required: ["items", "total", "totalKind", "next"],
      properties: {
        items: { type: "array", items: schemaRef(names.record) },
        total: {
          type: ["integer", "null"],
          minimum: 0,
          description:
            "Records matching the filter and q, over all pages, as `totalKind` says; null when not counted.",
        },
        totalKind: {
          type: "string",
          enum: ["exact", "estimate", "more", "none"],
          description:
            "`exact`: counted; `estimate`: the planner's estimate (ask `total=exact` for the count); `more`: more than `total`, where a quick search stopped counting (ask `total=exact` for the count); `none`: not counted.",
        },
        next: {
          type: ["string", "null"],
          description: "Pass as `after` for the next page; null on the last page.",
        },
      },
    },
  };
}

/** Titles of the record's references: one per reference field and user reference that is set. */
function displaySchema(def: EntityDefinition): JsonSchema {
  const refs = [
    ...visibleFields(def)
      .filter(([, f]) => refersToRecords(f))
      .map(([name]) => name),
    ...Object.keys(userRefs),
    ...displayedFields(def).map(([name]) => name),
  ];
  return {
    type: "object",
    readOnly: true,
    description:
      "The title of each referenced record and the text of each coded value (a region's names), keyed by field; a field that is empty has none.",
    properties: Object.fromEntries(refs.map((name) => [name, { type: "string" }])),
    additionalProperties: false,
  };
}

const capitalize = (text: string) => text[0]!.toUpperCase() + text.slice(1);
