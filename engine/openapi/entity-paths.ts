import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { errorResponses, json, sessionHeaders } from "./common-components.ts";
import {
  entitySchemaNames,
  headerRef,
  operationName,
  parameterRef,
  schemaRef,
} from "./component-names.ts";
import { withArticle } from "./article.ts";
import { historyPath } from "./history-path.ts";
import { listParameters } from "./list-parameters.ts";
import type { Paths } from "./openapi-types.ts";

/**
 * The records API of one entity at concrete paths (`/api/data/customer`,
 * `/api/data/customer/{id}`), so that each entity has its own schemas and
 * operation ids (`listCustomer`, `createCustomer`, …).
 */
export function entityPaths(def: EntityDefinition): Paths {
  const { key } = def.entity;
  const names = entitySchemaNames(key);
  const label = def.labels.en.entity ?? key;
  const aLabel = withArticle(label);
  const plural = def.labels.en.plural ?? key;
  const tags = [key];
  const withRecord = (description: string) => ({
    description,
    headers: { ETag: headerRef("ETag"), ...sessionHeaders },
    content: json(schemaRef(names.record)),
  });
  return {
    [`/api/data/${key}`]: {
      get: {
        operationId: operationName("list", key),
        summary: `List ${plural}`,
        description: `A page of ${plural}, filtered, searched and sorted; \`total\` counts every match.`,
        tags,
        parameters: listParameters(def),
        responses: {
          "200": {
            description: `A page of ${plural}.`,
            headers: sessionHeaders,
            content: json(schemaRef(names.list)),
          },
          ...errorResponses(400, 401, 403, 503),
        },
      },
      post: {
        operationId: operationName("create", key),
        summary: `Create ${aLabel}`,
        tags,
        requestBody: { required: true, content: json(schemaRef(names.create)) },
        responses: {
          "201": withRecord(`The ${label} created, with its id, number and version 1.`),
          ...errorResponses(400, 401, 403, 409, 413, 415, 503),
        },
      },
    },
    [`/api/data/${key}/{id}`]: {
      parameters: [parameterRef("RecordId")],
      get: {
        operationId: operationName("get", key),
        summary: `Read ${aLabel}`,
        tags,
        responses: {
          "200": withRecord(`The ${label}.`),
          ...errorResponses(401, 403, 404, 503),
        },
      },
      patch: {
        operationId: operationName("patch", key),
        summary: `Change ${aLabel}`,
        description:
          "Sends only the fields to change (null clears one) and the version read as If-Match; answers the record with its new version.",
        tags,
        parameters: [parameterRef("IfMatchRequired")],
        requestBody: { required: true, content: json(schemaRef(names.patch)) },
        responses: {
          "200": withRecord(`The ${label} changed, with its new version.`),
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 428, 503),
        },
      },
      delete: {
        operationId: operationName("delete", key),
        summary: `Delete ${aLabel}`,
        description:
          "Refused with 409 `referenced` while other records refer to it through a restricting reference.",
        tags,
        parameters: [parameterRef("IfMatchOptional")],
        responses: {
          "204": { description: "Deleted.", headers: sessionHeaders },
          ...errorResponses(400, 401, 403, 404, 409, 503),
        },
      },
    },
    [`/api/data/${key}/batch`]: {
      post: {
        operationId: operationName("batch", key),
        summary: `Delete, reassign or share many ${plural}`,
        description:
          "Needs the batch right (batchDelete to delete); then each record is checked and changed on its own, and the answer says per record what was done or why it was refused.",
        tags,
        requestBody: {
          required: true,
          content: json({
            type: "object",
            required: ["action", "ids"],
            additionalProperties: false,
            properties: {
              action: { type: "string", enum: ["delete", "assign", "share"] },
              ids: {
                type: "array",
                minItems: 1,
                maxItems: 1000,
                uniqueItems: true,
                items: { type: "string", format: "uuid" },
              },
              owner: { type: "string", format: "uuid", description: "assign: the new owner" },
              user: { type: "string", format: "uuid", description: "share: with this user" },
              department: {
                type: "string",
                format: "uuid",
                description: "share: with this department",
              },
              access: { type: "string", enum: ["read", "edit"], description: "share" },
              related: {
                type: "boolean",
                default: true,
                description:
                  "assign: move the records that refer to each one and had its old owner",
              },
              subDepartments: {
                type: "boolean",
                default: false,
                description: "share with a department: also every department below it",
              },
            },
          }),
        },
        responses: {
          "200": {
            description: "What happened to each record, in the order given.",
            headers: sessionHeaders,
            content: json({
              type: "object",
              required: ["action", "done", "refused", "results"],
              properties: {
                action: { type: "string" },
                done: { type: "integer" },
                refused: { type: "integer" },
                related: {
                  type: "integer",
                  description: "assign: records that went along with the reassigned ones",
                },
                results: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["id", "status"],
                    properties: {
                      id: { type: "string", format: "uuid" },
                      status: { type: "string", enum: ["done", "refused"] },
                      related: { type: "integer" },
                      error: {
                        type: "object",
                        required: ["code", "message", "status"],
                        properties: {
                          code: { type: "string" },
                          message: { type: "string" },
                          status: { type: "integer" },
                        },
                      },
                    },
                  },
                },
              },
            }),
          },
          ...errorResponses(400, 401, 403, 413, 415, 503),
        },
      },
    },
    [`/api/data/${key}/export`]: {
      get: {
        operationId: operationName("export", key),
        summary: `Export ${plural} as CSV or XLSX`,
        description:
          "The list as the grid shows it (filter, q, sort, columns), streamed. Needs the export right.",
        tags,
        parameters: [
          ...listParameters(def).filter((p) => p.name !== "limit" && p.name !== "offset"),
          {
            name: "format",
            in: "query",
            required: false,
            description: "The file's format.",
            schema: { type: "string", enum: ["csv", "xlsx"], default: "csv" },
          },
          {
            name: "columns",
            in: "query",
            required: false,
            description: "Fields to export, comma-separated (default: the list's columns).",
            schema: { type: "string" },
          },
          {
            name: "lang",
            in: "query",
            required: false,
            description: "Language of headers and labels (default: the company's).",
            schema: { type: "string", enum: ["zh-CN", "en"] },
          },
        ],
        responses: {
          "200": {
            description: "The file, as an attachment.",
            headers: sessionHeaders,
            content: {
              "text/csv": { schema: { type: "string" } },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                schema: { type: "string", contentEncoding: "binary" },
              },
            },
          },
          ...errorResponses(400, 401, 403, 503),
        },
      },
    },
    [`/api/data/${key}/{id}/assign`]: {
      parameters: [parameterRef("RecordId")],
      post: {
        operationId: operationName("assign", key),
        summary: `Give ${aLabel} a new owner`,
        description:
          "The record then follows the new owner's department in everyone's scope. Needs the update right and the record within the user's role scope: a share is not enough. With `related` (the default), the records that refer to it and had its old owner move too, where the user may reassign them (one level).",
        tags,
        parameters: [parameterRef("IfMatchOptional")],
        requestBody: {
          required: true,
          content: json({
            type: "object",
            required: ["owner"],
            additionalProperties: false,
            properties: {
              owner: { type: "string", format: "uuid" },
              related: { type: "boolean", default: true },
            },
          }),
        },
        responses: {
          "200": {
            description: `The ${label} with its new owner and version, and how many related records moved.`,
            headers: { ETag: headerRef("ETag"), ...sessionHeaders },
            content: json({
              allOf: [
                schemaRef(names.record),
                {
                  type: "object",
                  required: ["_related"],
                  properties: {
                    _related: {
                      type: "object",
                      required: ["moved", "entities"],
                      properties: {
                        moved: { type: "integer", minimum: 0 },
                        entities: {
                          type: "object",
                          description: "Records moved per entity.",
                          additionalProperties: { type: "integer", minimum: 1 },
                        },
                      },
                    },
                  },
                },
              ],
            }),
          },
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 503),
        },
      },
    },
    [`/api/data/${key}/{id}/history`]: historyPath(key, aLabel),
    [`/api/data/${key}/{id}/shares`]: {
      parameters: [parameterRef("RecordId")],
      get: {
        operationId: operationName("listShares", key),
        summary: `Who ${aLabel} is shared with`,
        tags,
        responses: {
          "200": {
            description: "The record's shares, oldest first.",
            headers: sessionHeaders,
            content: json({
              type: "object",
              required: ["items"],
              properties: { items: { type: "array", items: schemaRef("Share") } },
            }),
          },
          ...errorResponses(401, 403, 404, 503),
        },
      },
      post: {
        operationId: operationName("share", key),
        summary: `Share ${aLabel} with a user or a department`,
        description:
          "A read share lets them see the record; an edit share also lets them change it (if their role may), never delete, reassign or share it. Needs the update right and the record within the user's role scope; bumps its version.",
        tags,
        parameters: [parameterRef("IfMatchOptional")],
        requestBody: { required: true, content: json(schemaRef("ShareRequest")) },
        responses: {
          "201": {
            description: "The share.",
            headers: sessionHeaders,
            content: json(schemaRef("Share")),
          },
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 503),
        },
      },
    },
    [`/api/data/${key}/{id}/shares/{share}`]: {
      parameters: [
        parameterRef("RecordId"),
        {
          name: "share",
          in: "path",
          required: true,
          description: "The share's id.",
          schema: { type: "string", format: "uuid" },
        },
      ],
      delete: {
        operationId: operationName("unshare", key),
        summary: `Stop sharing ${aLabel}`,
        tags,
        parameters: [parameterRef("IfMatchOptional")],
        responses: {
          "204": { description: "No longer shared.", headers: sessionHeaders },
          ...errorResponses(400, 401, 403, 404, 409, 503),
        },
      },
    },
  };
}
