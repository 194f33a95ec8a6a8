import { errorResponses, json, sessionHeaders, uuidSchema } from "./common-components.ts";
import { schemaRef } from "./component-names.ts";
import type { DocumentPart } from "./openapi-types.ts";

/** Health, login, logout, me, the metadata views and this document. */
export function staticPaths(entityKeys: string[]): DocumentPart {
  const open: Record<string, string[]>[] = [];
  return {
    schemas: {
      CompanySettings: {
        type: "object",
        description: "Settings fixed when the company was created.",
        required: ["timezone", "currency", "currencyDecimals", "language"],
        properties: {
          timezone: { type: "string", examples: ["Asia/Shanghai"] },
          currency: { type: "string", pattern: "^[A-Z]{3}$", examples: ["CNY"] },
          currencyDecimals: { type: "integer", minimum: 0, maximum: 4 },
          language: { type: "string", enum: ["zh-CN", "en"] },
        },
      },
      Company: {
        type: "object",
        required: ["slug", "name", "settings"],
        properties: {
          slug: { type: "string" },
          name: { type: "string" },
          settings: schemaRef("CompanySettings"),
        },
      },
      SessionUser: {
        type: "object",
        required: ["id", "username", "displayName", "isAdmin"],
        properties: {
          id: uuidSchema,
          username: { type: "string" },
          displayName: { type: "string" },
          isAdmin: { type: "boolean", description: "A company admin may change metadata." },
        },
      },
    },
    paths: {
      "/api/health": {
        get: {
          operationId: "health",
          summary: "Check that the engine and its database answer",
          tags: ["system"],
          security: open,
          responses: {
            "200": {
              description: "The engine and its database are up.",
              content: json({
                type: "object",
                required: ["status", "database"],
                properties: {
                  status: { type: "string", const: "ok" },
                  database: { type: "string", enum: ["pglite", "postgres"] },
                },
              }),
            },
          },
        },
      },
      "/api/auth/login": {
        post: {
          operationId: "login",
          summary: "Log in and receive the session cookie",
          description:
            "A wrong company, username or password all answer the same 401 `bad_credentials`.",
          tags: ["auth"],
          security: open,
          requestBody: {
            required: true,
            content: json(
              {
                type: "object",
                required: ["company", "username", "password"],
                properties: {
                  company: { type: "string", description: "The company's slug." },
                  username: { type: "string" },
                  password: { type: "string", writeOnly: true },
                },
              },
              { company: "demo", username: "admin", password: "…" },
            ),
          },
          responses: {
            "200": {
              description: "Logged in; the answer sets the session cookie (`sid` or `__Host-sid`).",
              headers: {
                "Set-Cookie": {
                  description: "The session cookie, HttpOnly and SameSite=Lax.",
                  schema: { type: "string" },
                },
              },
              content: json({
                type: "object",
                required: ["company", "user"],
                properties: {
                  company: schemaRef("Company"),
                  user: {
                    type: "object",
                    required: ["id", "username"],
                    properties: { id: uuidSchema, username: { type: "string" } },
                  },
                },
              }),
            },
            ...errorResponses(400, 401, 413, 415),
          },
        },
      },
      "/api/auth/logout": {
        post: {
          operationId: "logout",
          summary: "End the session and clear its cookie",
          tags: ["auth"],
          responses: { "204": { description: "Logged out." }, ...errorResponses(401) },
        },
      },
      "/api/auth/me": {
        get: {
          operationId: "me",
          summary: "The session's user and company",
          tags: ["auth"],
          responses: {
            "200": {
              description: "Who is logged in, where.",
              headers: sessionHeaders,
              content: json({
                type: "object",
                required: ["user", "company"],
                properties: { user: schemaRef("SessionUser"), company: schemaRef("Company") },
              }),
            },
            ...errorResponses(401, 503),
          },
        },
      },
      "/api/meta": {
        get: {
          operationId: "getMeta",
          summary: "The company's effective metadata: modules, menus and every entity",
          tags: ["meta"],
          responses: {
            "200": {
              description: "Hidden fields are left out.",
              headers: sessionHeaders,
              content: json(schemaRef("MetaView")),
            },
            ...errorResponses(401, 503),
          },
        },
      },
      "/api/meta/entities/{entity}": {
        get: {
          operationId: "getEntityMeta",
          summary: "One entity's effective metadata",
          tags: ["meta"],
          parameters: [
            {
              name: "entity",
              in: "path",
              required: true,
              description: "The entity's key.",
              schema: { type: "string", enum: entityKeys },
            },
          ],
          responses: {
            "200": {
              description: "Hidden fields are left out.",
              headers: sessionHeaders,
              content: json(schemaRef("EntityView")),
            },
            ...errorResponses(401, 404, 503),
          },
        },
      },
      "/api/search": {
        get: {
          operationId: "search",
          summary: "Find records of every entity you may read, grouped by entity",
          tags: ["meta"],
          parameters: [
            {
              name: "q",
              in: "query",
              required: true,
              description: "Text looked for, case-insensitively, in each entity's search fields.",
              schema: { type: "string", minLength: 1, maxLength: 200 },
            },
            {
              name: "limit",
              in: "query",
              required: false,
              description: "Records per entity (default 5).",
              schema: { type: "integer", minimum: 1, maximum: 20 },
            },
          ],
          responses: {
            "200": {
              description: "Entities with matches, in menu order; `total` counts every match.",
              headers: sessionHeaders,
              content: json({
                type: "object",
                required: ["q", "groups"],
                properties: {
                  q: { type: "string" },
                  groups: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["entity", "total", "items"],
                      properties: {
                        entity: { type: "string", enum: entityKeys },
                        total: { type: "integer" },
                        items: {
                          type: "array",
                          items: {
                            type: "object",
                            required: ["id", "title", "record"],
                            properties: {
                              id: uuidSchema,
                              title: { type: ["string", "null"] },
                              record: { type: "object" },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              }),
            },
            ...errorResponses(400, 401, 503),
          },
        },
      },
      "/api/directory/users": {
        get: {
          operationId: "listDirectoryUsers",
          summary: "Colleagues to assign records to or share them with",
          description: "Active users only, with their department; no contact data or roles.",
          tags: ["meta"],
          parameters: [
            {
              name: "q",
              in: "query",
              required: false,
              description: "Part of a display name or username, case-insensitive.",
              schema: { type: "string", maxLength: 100 },
            },
            {
              name: "limit",
              in: "query",
              required: false,
              description: "At most this many (default 20).",
              schema: { type: "integer", minimum: 1, maximum: 50 },
            },
          ],
          responses: {
            "200": {
              description: "Users in code-point order of their display names.",
              headers: sessionHeaders,
              content: json({
                type: "object",
                required: ["items"],
                properties: {
                  items: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["id", "username", "displayName", "department"],
                      properties: {
                        id: uuidSchema,
                        username: { type: "string" },
                        displayName: { type: "string" },
                        department: {
                          type: ["object", "null"],
                          required: ["id", "name"],
                          properties: { id: uuidSchema, name: { type: "string" } },
                        },
                      },
                    },
                  },
                },
              }),
            },
            ...errorResponses(400, 401, 503),
          },
        },
      },
      "/api/directory/departments": {
        get: {
          operationId: "listDirectoryDepartments",
          summary: "Departments to share records with",
          tags: ["meta"],
          responses: {
            "200": {
              description: "Every department with its parent.",
              headers: sessionHeaders,
              content: json({
                type: "object",
                required: ["items"],
                properties: {
                  items: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["id", "name", "parent"],
                      properties: {
                        id: uuidSchema,
                        name: { type: "string" },
                        parent: { anyOf: [uuidSchema, { type: "null" }] },
                      },
                    },
                  },
                },
              }),
            },
            ...errorResponses(401, 503),
          },
        },
      },
      "/api/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document, generated from the company's effective metadata",
          description:
            "It changes with the metadata version (`info.version`, X-Meta-Version): a field an admin adds appears here, a hidden field disappears.",
          tags: ["meta"],
          responses: {
            "200": {
              description: "An OpenAPI 3.1 document.",
              headers: sessionHeaders,
              content: json({ type: "object", required: ["openapi", "info", "paths"] }),
            },
            ...errorResponses(401, 503),
          },
        },
      },
    },
  };
}
