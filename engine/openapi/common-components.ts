import { headerRef, responseRef, schemaRef } from "./component-names.ts";
import type { Header, JsonSchema, MediaTypes, Parameter, Response } from "./openapi-types.ts";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { historyEntrySchema } from "./history-entry-schema.ts";
import type { ErrorStatus } from "../http/route-spec.ts";

/** The name of the session security scheme in `components.securitySchemes`. */
export const sessionScheme = "session";

/** A JSON body or answer of `schema`. */
export const json = (schema: JsonSchema, example?: unknown): MediaTypes => ({
  "application/json": example === undefined ? { schema } : { schema, example },
});

export const uuidSchema: JsonSchema = { type: "string", format: "uuid" };

const errorSchema: JsonSchema = {
  type: "object",
  description: 'Every error answer: `{"error": {"code", "message", "details"}}`.',
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "details"],
      properties: {
        code: {
          type: "string",
          description:
            "A stable, machine-readable code such as `invalid`, `not_found`, `stale`, `duplicate`.",
        },
        message: {
          type: "string",
          description:
            "What went wrong, for people, in the language Accept-Language asks for (else the company's).",
        },
        details: {
          description:
            'More about the error, or null. For `invalid`: `{"fields": [{field, rule, message}]}`; for `stale`: `{"current": <the record>}`.',
        },
      },
    },
  },
};

/** Error answers by status: the codes each carries, and an example. */
const errors: Record<string, [description: string, code: string, message: string]> = {
  "400": [
    "Bad input: `bad_request`, `invalid` (details per field), `bad_filter`, `bad_sort`, `limit_exceeded`.",
    "invalid",
    "invalid record: name: is required",
  ],
  "401": ["No valid session: `unauthenticated`.", "unauthenticated", "log in first"],
  "403": [
    "Not allowed: `forbidden` (your roles do not grant it, or it is for company admins).",
    "forbidden",
    "only a company admin may do this",
  ],
  "404": ["No such record, entity or route: `not_found`.", "not_found", "no such record"],
  "409": [
    "Conflict: `duplicate` (a unique field), `stale` (If-Match is not the current version; details.current holds the record), `referenced` (other records refer to it).",
    "stale",
    "the record is at version 4, not 3",
  ],
  "413": ["The body is larger than 1 MB: `too_large`.", "too_large", "the body is too large"],
  "415": [
    "The body is not `Content-Type: application/json`: `unsupported_media_type`.",
    "unsupported_media_type",
    "send the body as Content-Type: application/json",
  ],
  "429": [
    "Too many at once: `too_many_attempts` (failed logins), `too_many_exports` (a user's exports); `Retry-After` says when to try again.",
    "too_many_attempts",
    "too many failed attempts; try again in 30 s",
  ],
  "428": [
    'If-Match is missing: send the version you read as `If-Match: "<version>"`.',
    "precondition_required",
    'send the version you read as If-Match: "<version>"',
  ],
  "503": [
    "The company cannot serve right now (its database schema could not be brought up to date): `unavailable`.",
    "unavailable",
    "the company cannot serve right now",
  ],
};

export type { ErrorStatus };

/** `errorResponses(400, 401)` → `{"400": {$ref}, "401": {$ref}}`, all answering the one Error schema. */
export function errorResponses(...statuses: ErrorStatus[]): Record<string, { $ref: string }> {
  return Object.fromEntries(statuses.map((s) => [String(s), responseRef(`Error${s}`)]));
}

const metaVersionHeader: Header = {
  description:
    "The company's metadata version. When it changes, reload metadata (and this document).",
  schema: { type: "string" },
};

/** Headers every answer behind a session carries. */
export const sessionHeaders = { "X-Meta-Version": headerRef("XMetaVersion") };

const versionHeaderSchema: JsonSchema = { type: "string", pattern: '^(W/)?"?[0-9]{1,9}"?$' };

/** Components shared by every path: the Error schema, error answers, headers, If-Match, the session scheme. */
export function commonComponents(secureCookies: boolean) {
  const responses: Record<string, Response> = {};
  for (const [status, [description, code, message]] of Object.entries(errors)) {
    responses[`Error${status}`] = {
      description,
      content: json(schemaRef("Error"), { error: { code, message, details: null } }),
    };
  }
  const parameters: Record<string, Parameter> = {
    IfMatchRequired: {
      name: "If-Match",
      in: "header",
      required: true,
      description:
        'The version of the record you read (its ETag), such as `"3"`. Missing → 428; not the current version → 409 `stale`.',
      schema: versionHeaderSchema,
      example: '"3"',
    },
    IfMatchOptional: {
      name: "If-Match",
      in: "header",
      required: false,
      description:
        'The version of the record you read, such as `"3"`: the delete then happens only if nobody changed it since (409 `stale` otherwise).',
      schema: versionHeaderSchema,
      example: '"3"',
    },
    RecordId: {
      name: "id",
      in: "path",
      required: true,
      description: "The record's id, a lower-case UUID (v7).",
      schema: {
        type: "string",
        format: "uuid",
        pattern: `^${uuidSource}$`,
      },
    },
  };
  const headers: Record<string, Header> = {
    XMetaVersion: metaVersionHeader,
    ETag: {
      description: 'The record\'s version, such as `"3"`: send it back as If-Match to change it.',
      schema: { type: "string", pattern: '^"[0-9]+"$' },
    },
  };
  const cookie = secureCookies ? "__Host-sid" : "sid";
  const securitySchemes = {
    [sessionScheme]: {
      type: "apiKey",
      in: "cookie",
      name: cookie,
      description: `The session cookie \`${cookie}\` set by POST /api/auth/login (\`sid\` over HTTP, \`__Host-sid\` when the server is reached over HTTPS).`,
    },
  };
  return {
    schemas: {
      Error: errorSchema,
      HistoryEntry: historyEntrySchema,
    },
    responses,
    parameters,
    headers,
    securitySchemes,
  };
}
