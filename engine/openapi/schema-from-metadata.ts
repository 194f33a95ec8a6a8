import type { MetadataSchema } from "../http/documented-from.ts";
import { entitySchemaNames, schemaRef } from "./component-names.ts";
import { listParameters } from "./list-parameters.ts";
import type { JsonSchema } from "./openapi-types.ts";
import type { RouteScope } from "./route-paths.ts";

/** A list parameter of the route's entity, as a schema: its description and example inside. */
function listParameter(name: string, scope: RouteScope): JsonSchema {
  const p = listParameters(entityOf(scope)).find((q) => q.name === name)!;
  return {
    ...p.schema,
    description: p.description,
    ...(p.example === undefined ? {} : { examples: [p.example] }),
    ...(p["x-sort-fields"] ? { "x-sort-fields": p["x-sort-fields"] } : {}),
  };
}

const describedBy = ({ description }: JsonSchema) => (description ? { description } : {});

function entityOf(scope: RouteScope) {
  if (!scope.entity) throw new Error("a schema of the route's entity, on a route of no entity");
  return scope.entity;
}

/**
 * How the document writes a schema documented from metadata (documented-from.ts)
 * for one company, and one entity on a route of each: `declared` is the
 * schema as the route declared it (its description kept).
 */
export function schemaFromMetadata(
  source: MetadataSchema,
  declared: JsonSchema,
  scope: RouteScope,
): JsonSchema {
  switch (source) {
    case "entityKey":
      return { ...declared, enum: scope.entities.map((d) => d.entity.key) };
    case "entityRecord":
      return schemaRef(entitySchemaNames(entityOf(scope).entity.key).record);
    case "listFilter":
      return listParameter("filter", scope);
    case "listSort":
      return listParameter("sort", scope);
    case "listSearch":
      return listParameter("q", scope);
    case "newField":
      return { ...schemaRef("NewField"), ...describedBy(declared) };
    case "fieldChange":
      return { ...schemaRef("FieldChange"), ...describedBy(declared) };
    case "localizedLabels":
      return { ...schemaRef("LocalizedLabels"), ...describedBy(declared) };
  }
}
