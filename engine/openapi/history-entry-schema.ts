import { historyActions } from "../audit/record-history.ts";
import type { JsonSchema } from "./openapi-types.ts";

const uuidSchema: JsonSchema = { type: "string", format: "uuid" };

const named: JsonSchema = {
  type: ["object", "null"],
  required: ["id", "name"],
  properties: { id: uuidSchema, name: { type: "string" } },
};

/** One entry of a record's history (`engine/audit/record-history.ts`). */
export const historyEntrySchema: JsonSchema = {
  type: "object",
  description:
    "A write of the record: who, when, and the fields it changed (only those the reader may see), with the titles of the records a reference named where the reader may read them.",
  required: ["id", "at", "action", "actor", "changes"],
  properties: {
    id: { type: "integer" },
    at: { type: "string", format: "date-time" },
    action: { type: "string", enum: [...historyActions] },
    actor: named,
    changes: {
      type: "array",
      items: {
        type: "object",
        required: ["field", "before", "after"],
        properties: {
          field: { type: "string" },
          before: {},
          after: {},
          beforeTitle: { type: "string" },
          afterTitle: { type: "string" },
        },
      },
    },
    share: {
      type: "object",
      required: ["user", "department", "access", "subDepartments"],
      properties: {
        user: named,
        department: named,
        access: { type: "string" },
        subDepartments: { type: "boolean" },
      },
    },
    via: {
      type: "object",
      description: "The record whose reassignment or delete this one came with.",
      required: ["entity", "id", "title"],
      properties: {
        entity: { type: "string" },
        id: uuidSchema,
        title: { type: ["string", "null"] },
      },
    },
    related: {
      type: "object",
      description: "Of a reassignment: records that went along, per entity.",
      additionalProperties: { type: "integer" },
    },
    truncated: {
      type: "array",
      description: "Fields whose values were cut to 1,000 characters in the trail.",
      items: { type: "string" },
    },
  },
};
