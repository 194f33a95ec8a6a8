import type { JSONSchema } from "json-schema-to-typescript";
import type { JsonSchema } from "../openapi/openapi-types.ts";

/**
 * TypeScript declarations of an SDK schema (sdk-schema.ts): an interface per
 * titled schema (`CustomerRecord`, `CustomerCreate`, …) and the `Entities`
 * map. json-schema-to-typescript is a devDependency, loaded only here: the
 * SDK is a developer's tool, and a production install has no need of it.
 */
export async function entityTypes(schema: JsonSchema, banner: string): Promise<string> {
  const { compile } = await import("json-schema-to-typescript");
  return compile(anyValuesUnknown(schema) as JSONSchema, "Entities", {
    bannerComment: banner,
    // Without it every interface would take any other key, and a misspelt field would type-check.
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    format: false,
  });
}

/** Keywords whose value is a schema, and those whose value is a list or a map of schemas. */
const oneSchema = ["items", "not", "additionalProperties", "contentSchema"];
const schemaLists = ["anyOf", "allOf", "oneOf"];
const schemaMaps = ["properties", "$defs"];
/** Keywords that constrain a value; a schema with none of them accepts any value. */
const constraining = ["type", "enum", "const", "$ref", "tsType", ...oneSchema, ...schemaLists];

/**
 * The schema with every schema that accepts any value (a json field's, a
 * filter condition's value: described, but constraining nothing) typed
 * `unknown`: json-schema-to-typescript would make it an object otherwise.
 */
function anyValuesUnknown(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  if (!constraining.some((k) => k in schema) && !("properties" in schema)) out.tsType = "unknown";
  for (const key of oneSchema)
    if (isSchema(schema[key])) out[key] = anyValuesUnknown(schema[key] as JsonSchema);
  for (const key of schemaLists)
    if (Array.isArray(schema[key])) out[key] = (schema[key] as JsonSchema[]).map(anyValuesUnknown);
  for (const key of schemaMaps)
    if (isSchema(schema[key]))
      out[key] = Object.fromEntries(
        Object.entries(schema[key] as Record<string, JsonSchema>).map(([k, v]) => [
          k,
          anyValuesUnknown(v),
        ]),
      );
  return out;
}

const isSchema = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value);
