import type { TObject, TSchema } from "@sinclair/typebox";
import type { DeclaredRoute } from "../http/routes.ts";
import type { ErrorStatus, RouteSpec } from "../http/route-spec.ts";
import { metadataSchemaOf } from "../http/documented-from.ts";
import { schemaNameOf } from "../http/named-schema.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { withArticle } from "./article.ts";
import { errorResponses, json, sessionHeaders } from "./common-components.ts";
import { operationName, schemaRef } from "./component-names.ts";
import { schemaFromMetadata } from "./schema-from-metadata.ts";
import type {
  DocumentPart,
  Header,
  JsonSchema,
  MediaTypes,
  Operation,
  Parameter,
  PathItem,
  Response,
} from "./openapi-types.ts";

/** The company the document is written for, and the entity when a route is written for each. */
export interface RouteScope {
  readonly entities: readonly EntityDefinition[];
  readonly entity?: EntityDefinition;
}

type ToJson = (schema: TSchema) => JsonSchema;

/**
 * Writes TypeBox schemas as plain JSON Schema for `scope`: symbol markers
 * dropped, schemas documented from metadata (documented-from.ts) written for
 * the company, named ones (named-schema.ts) kept once in `components`.
 */
function jsonWriter(scope: RouteScope, components: Record<string, JsonSchema>): ToJson {
  const replace = (_key: string, value: unknown): unknown => {
    if (!value || typeof value !== "object") return value;
    const source = metadataSchemaOf(value);
    if (source) return schemaFromMetadata(source, { ...(value as JsonSchema) }, scope);
    const name = schemaNameOf(value);
    if (name === undefined) return value;
    components[name] ??= JSON.parse(
      JSON.stringify({ ...value }, (k: string, v: unknown) => (k === "" ? v : replace(k, v))),
    ) as JsonSchema;
    return schemaRef(name);
  };
  return (schema) => JSON.parse(JSON.stringify(schema, replace)) as JsonSchema;
}

/** `/api/prefs/:key` → `/api/prefs/{key}`; a Hono pattern (`:id{[0-9a-f-]+}`) keeps its name only. */
export const openApiPath = (path: string) =>
  path.replace(/:(\w+)(\{[^/]*\})?/g, (_, name: string) => `{${name}}`);

function parameters(
  schema: TObject | undefined,
  where: "path" | "query" | "header",
  toJson: ToJson,
  entity: EntityDefinition | undefined,
): Parameter[] {
  if (!schema) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties)
    .filter(([name]) => !(entity && where === "path" && name === "entity"))
    .map(([name, property]) => {
      const { description, ...rest } = toJson(property) as JsonSchema & { description?: string };
      return {
        name,
        in: where,
        description: description ?? name,
        required: where === "path" || required.has(name),
        schema: rest,
      };
    });
}

/** A per-entity route's words with the entity's names in place of `{label}`, `{aLabel}`, `{plural}`. */
function entityWords(entity: EntityDefinition | undefined): (text: string) => string {
  if (!entity) return (text) => text;
  const label = entity.labels.en.entity ?? entity.entity.key;
  const plural = entity.labels.en.plural ?? entity.entity.key;
  return (text) =>
    text
      .replaceAll("{aLabel}", withArticle(label))
      .replaceAll("{label}", label)
      .replaceAll("{plural}", plural);
}

function operation(spec: RouteSpec, toJson: ToJson, entity?: EntityDefinition): Operation {
  const words = entityWords(entity);
  const errors = new Set<ErrorStatus>(spec.errors ?? []);
  if (spec.params || spec.query || spec.headers || spec.body) errors.add(400);
  if (spec.policy !== "public") errors.add(401);
  if (spec.policy === "admin") errors.add(403);
  if (spec.body) {
    errors.add(413);
    errors.add(415);
  }
  const responses: Record<string, Response | { $ref: string }> = {};
  for (const [status, { description, schema, content, headers }] of Object.entries(
    spec.responses,
  )) {
    const media: MediaTypes = schema ? json(toJson(schema)) : {};
    for (const [type, s] of Object.entries(content ?? {})) media[type] = { schema: toJson(s) };
    const all: Record<string, Header | { $ref: string }> = {};
    for (const [name, h] of Object.entries(headers ?? {}))
      all[name] = { description: h.description, schema: toJson(h.schema) };
    if (spec.policy !== "public") Object.assign(all, sessionHeaders);
    responses[status] = {
      description: words(description),
      ...(Object.keys(all).length > 0 ? { headers: all } : {}),
      ...(Object.keys(media).length > 0 ? { content: media } : {}),
    };
  }
  Object.assign(responses, errorResponses(...[...errors].sort((a, b) => a - b)));
  const op: Operation = {
    operationId: entity ? operationName(spec.operationId, entity.entity.key) : spec.operationId,
    summary: words(spec.summary),
    ...(spec.description ? { description: words(spec.description) } : {}),
    tags: entity ? [entity.entity.key, ...spec.tags] : [...spec.tags],
    ...(spec.policy === "public" ? { security: [] } : {}),
    parameters: [
      ...parameters(spec.params, "path", toJson, entity),
      ...parameters(spec.query, "query", toJson, entity),
      ...parameters(spec.headers, "header", toJson, entity),
    ],
    ...(spec.body ? { requestBody: { required: true, content: json(toJson(spec.body)) } } : {}),
    responses,
  };
  if (op.parameters!.length === 0) delete op.parameters;
  return op;
}

/**
 * The paths of every route declared with schemas (`Routes.route`), and the
 * named schemas they use: the same declarations that validate their
 * requests, so the document cannot drift from what the routes accept. A
 * route of each entity is written at every entity's own path, with that
 * entity's schemas.
 */
export function routePaths(declared: readonly DeclaredRoute[], scope: RouteScope): DocumentPart {
  const part: DocumentPart = { paths: {}, schemas: {} };
  const companyJson = jsonWriter(scope, part.schemas);
  const add = (path: string, method: string, op: Operation) => {
    const item: PathItem = (part.paths[openApiPath(path)] ??= {});
    item[method.toLowerCase() as "get" | "put" | "post" | "patch" | "delete"] = op;
  };
  for (const { method, path, spec } of declared) {
    if (!spec) continue;
    if (!spec.perEntity) add(path, method, operation(spec, companyJson));
    else
      for (const entity of scope.entities)
        add(
          path.replace(":entity", entity.entity.key),
          method,
          operation(spec, jsonWriter({ ...scope, entity }, part.schemas), entity),
        );
  }
  return part;
}
