import { listLimits } from "../query/list-limits.ts";
import { errorResponses, json, sessionHeaders } from "./common-components.ts";
import { operationName, parameterRef, schemaRef } from "./component-names.ts";
import type { PathItem } from "./openapi-types.ts";

/** `GET /api/data/<entity>/{id}/history`. */
export function historyPath(key: string, aLabel: string): PathItem {
  return {
    parameters: [parameterRef("RecordId")],
    get: {
      operationId: operationName("history", key),
      summary: `The history of ${aLabel}`,
      description:
        "Its creates, changes, reassignments and shares from the audit trail, newest first, as you may see them: fields hidden from you and entries that changed only those are left out. Needs sight of the record.",
      tags: [key],
      parameters: [
        {
          name: "limit",
          in: "query",
          required: false,
          description: "Entries per page.",
          schema: {
            type: "integer",
            minimum: 1,
            maximum: listLimits.limit,
            default: listLimits.defaultLimit,
          },
        },
        {
          name: "offset",
          in: "query",
          required: false,
          description: "Entries to skip, newest first.",
          schema: { type: "integer", minimum: 0, maximum: listLimits.offset, default: 0 },
        },
      ],
      responses: {
        "200": {
          description: "A page of the record's history and how many entries there are.",
          headers: sessionHeaders,
          content: json({
            type: "object",
            required: ["items", "total"],
            properties: {
              items: { type: "array", items: schemaRef("HistoryEntry") },
              total: { type: "integer" },
            },
          }),
        },
        ...errorResponses(400, 401, 403, 404, 503),
      },
    },
  };
}
