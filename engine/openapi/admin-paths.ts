import { errorResponses, json, sessionHeaders } from "./common-components.ts";
import { schemaRef } from "./component-names.ts";
import type { DocumentPart, JsonSchema, Operation, Parameter } from "./openapi-types.ts";

const tags = ["admin"];
const metaVersion: JsonSchema = {
  type: "string",
  description: "The company's metadata version after the change.",
};

/** The routes of `engine/admin/admin-routes.ts`: company admins' metadata changes, each a new overlay version. */
export function adminPaths(entityKeys: string[]): DocumentPart {
  const entity: Parameter = {
    name: "entity",
    in: "path",
    required: true,
    description: "The entity's key.",
    schema: { type: "string", enum: entityKeys },
  };
  const field: Parameter = {
    name: "field",
    in: "path",
    required: true,
    description: "The field's key (hidden fields included).",
    schema: { type: "string" },
  };
  const version: Parameter = {
    name: "version",
    in: "path",
    required: true,
    description: "An overlay version number.",
    schema: { type: "integer", minimum: 0 },
  };
  const ok = (description: string, schema: JsonSchema, status = "200") => ({
    [status]: { description, headers: sessionHeaders, content: json(schema) },
  });
  const change = (
    op: Omit<Operation, "tags" | "responses">,
    answer: JsonSchema,
    status = "200",
  ) => ({
    ...op,
    tags,
    responses: {
      ...ok("The change, live from the next request on.", answer, status),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415, 503),
    },
  });
  return {
    schemas: {
      FieldChanged: {
        type: "object",
        required: ["key", "field", "metaVersion"],
        properties: { key: { type: "string" }, field: schemaRef("FieldDefinition"), metaVersion },
      },
    },
    paths: {
      "/api/admin/metadata": {
        get: {
          operationId: "getAdminMetadata",
          summary:
            "The overlay head, the metadata version, its error (if any) and every overlay version",
          tags,
          responses: {
            ...ok("The company's metadata history.", {
              type: "object",
              required: ["head", "metaVersion", "error", "versions"],
              properties: {
                head: { type: "integer" },
                metaVersion: { type: "string" },
                error: {
                  type: ["string", "null"],
                  description: "Why the company runs on its last good metadata, when it does.",
                },
                versions: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["version", "note", "createdAt", "createdBy"],
                    properties: {
                      version: { type: "integer" },
                      note: { type: ["string", "null"] },
                      createdAt: { type: "string", format: "date-time" },
                      createdBy: { type: ["string", "null"], description: "A username." },
                    },
                  },
                },
              },
            }),
            ...errorResponses(401, 403, 503),
          },
        },
      },
      "/api/admin/metadata/versions/{version}": {
        get: {
          operationId: "getOverlayVersion",
          summary: "One overlay version",
          tags,
          parameters: [version],
          responses: {
            ...ok("The overlay: the company's sparse changes to the base metadata.", {
              type: "object",
              required: ["version", "note", "overlay"],
              properties: {
                version: { type: "integer" },
                note: { type: ["string", "null"] },
                overlay: { type: "object" },
              },
            }),
            ...errorResponses(401, 403, 404, 503),
          },
        },
      },
      "/api/admin/metadata/rollback": {
        post: change(
          {
            operationId: "rollbackMetadata",
            summary: "Return to an earlier overlay version (written as a new version)",
            requestBody: {
              required: true,
              content: json({
                type: "object",
                required: ["version"],
                properties: { version: { type: "integer" } },
              }),
            },
          },
          {
            type: "object",
            required: ["head", "metaVersion"],
            properties: { head: { type: "integer" }, metaVersion },
          },
        ),
      },
      "/api/admin/entities/{entity}/fields": {
        post: change(
          {
            operationId: "addField",
            summary: "Add a company's own field (x_…), with its column",
            parameters: [entity],
            requestBody: { required: true, content: json(schemaRef("NewField")) },
          },
          schemaRef("FieldChanged"),
          "201",
        ),
      },
      "/api/admin/entities/{entity}/fields/{field}": {
        patch: change(
          {
            operationId: "changeField",
            summary: "Change a field: hide it, make it required, add options, relabel it",
            parameters: [entity, field],
            requestBody: { required: true, content: json(schemaRef("FieldChange")) },
          },
          schemaRef("FieldChanged"),
        ),
      },
      "/api/admin/entities/{entity}/labels": {
        patch: change(
          {
            operationId: "changeLabels",
            summary: "Change an entity's labels, per locale, key by key",
            parameters: [entity],
            requestBody: {
              required: true,
              content: json(schemaRef("LocalizedLabels"), {
                "zh-CN": { fields: { name: "公司名称" } },
              }),
            },
          },
          {
            type: "object",
            required: ["labels", "metaVersion"],
            properties: { labels: schemaRef("LocalizedLabels"), metaVersion },
          },
        ),
      },
    },
  };
}
