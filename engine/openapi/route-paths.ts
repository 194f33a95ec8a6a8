import type { TObject, TSchema } from "@sinclair/typebox";
import type { DeclaredRoute } from "../http/routes.ts";
import type { ErrorStatus } from "../http/route-spec.ts";
import { errorResponses, json, sessionHeaders } from "./common-components.ts";
import type {
  JsonSchema,
  Operation,
  Parameter,
  PathItem,
  Paths,
  Response,
} from "./openapi-types.ts";

/** A TypeBox schema as plain JSON Schema: its symbol markers dropped. */
const plain = (schema: TSchema): JsonSchema => JSON.parse(JSON.stringify(schema)) as JsonSchema;

/** `/api/prefs/:key` → `/api/prefs/{key}`; a Hono pattern (`:id{[0-9a-f-]+}`) keeps its name only. */
export const openApiPath = (path: string) =>
  path.replace(/:(\w+)(\{[^/]*\})?/g, (_, name: string) => `{${name}}`);

function parameters(schema: TObject | undefined, where: "path" | "query"): Parameter[] {
  if (!schema) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => {
    const { description, ...rest } = plain(property) as JsonSchema & { description?: string };
    return {
      name,
      in: where,
      description: description ?? name,
      required: where === "path" || required.has(name),
      schema: rest,
    };
  });
}

/**
 * The paths of every route declared with schemas (`Routes.route`): the same
 * declarations that validate their requests, so the document cannot drift
 * from what the routes accept.
 */
export function routePaths(declared: readonly DeclaredRoute[]): Paths {
  const paths: Paths = {};
  for (const { method, path, spec } of declared) {
    if (!spec) continue;
    const errors = new Set<ErrorStatus>(spec.errors ?? []);
    if (spec.params || spec.query || spec.body) errors.add(400);
    if (spec.policy !== "public") errors.add(401);
    if (spec.policy === "admin") errors.add(403);
    if (spec.body) errors.add(415);
    const responses: Record<string, Response | { $ref: string }> = {};
    for (const [status, answer] of Object.entries(spec.responses)) {
      responses[status] = {
        description: answer.description,
        ...(spec.policy === "public" ? {} : { headers: sessionHeaders }),
        ...(answer.schema ? { content: json(plain(answer.schema)) } : {}),
      };
    }
    Object.assign(responses, errorResponses(...[...errors].sort((a, b) => a - b)));
    const operation: Operation = {
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [...spec.tags],
      ...(spec.policy === "public" ? { security: [] } : {}),
      parameters: [...parameters(spec.params, "path"), ...parameters(spec.query, "query")],
      ...(spec.body ? { requestBody: { required: true, content: json(plain(spec.body)) } } : {}),
      responses,
    };
    if (operation.parameters!.length === 0) delete operation.parameters;
    const item: PathItem = (paths[openApiPath(path)] ??= {});
    item[method.toLowerCase() as "get" | "put" | "post" | "patch" | "delete"] = operation;
  }
  return paths;
}
