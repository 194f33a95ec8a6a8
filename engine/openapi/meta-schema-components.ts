import { metaSchemaFiles } from "../metadata/meta-schema-files.ts";
import { schemaRef } from "./component-names.ts";
import type { JsonSchema } from "./openapi-types.ts";

/**
 * The meta-schemas of metadata/schema as OpenAPI components: each file and
 * each of its definitions becomes a component named by its title (or its
 * definition key, capitalised), and references between files point at
 * those components. The document so shows metadata exactly as the
 * validator checks it and the generated types describe it.
 *
 * @example
 * metaSchemaComponents().ListLayout.properties.columns;
 * // { type: "array", minItems: 1, items: { $ref: "#/components/schemas/ListColumn" }, … }
 */
export function metaSchemaComponents(): Readonly<Record<string, JsonSchema>> {
  components ??= convertAll();
  return components;
}

let components: Record<string, JsonSchema> | undefined;

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function convertAll(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [file, schema] of metaSchemaFiles()) {
    out[componentName(file)] = convert(schema, file);
    const definitions = isNode(schema.definitions) ? schema.definitions : {};
    for (const [key, definition] of Object.entries(definitions))
      out[componentName(file, key)] = convert(definition, file);
  }
  return out;
}

/** A file's root (`entity`) or one of its definitions (`definitions`, `fieldKey`). */
function componentName(file: string, definition?: string): string {
  const schema = metaSchemaFiles().get(file);
  const definitions = isNode(schema?.definitions) ? schema.definitions : {};
  const node = definition === undefined ? schema : definitions[definition];
  if (!isNode(node)) throw new Error(`no meta-schema ${file}${definition ? `#${definition}` : ""}`);
  const name = definition ?? file;
  return typeof node.title === "string" ? node.title : name[0]!.toUpperCase() + name.slice(1);
}

/** `labels.schema.json#/definitions/textMap` seen from `file` → that definition's component. */
function componentRef(ref: string, file: string): { $ref: string } {
  const [target = "", pointer = ""] = ref.split("#");
  const targetFile = target === "" ? file : target.replace(".schema.json", "");
  const definition = pointer.startsWith("/definitions/") ? pointer.slice(13) : undefined;
  return schemaRef(componentName(targetFile, definition));
}

/** Keywords of the files that are no JSON Schema 2020-12 keywords of a component, or are hoisted. */
const dropped = new Set(["$schema", "$id", "definitions", "tsType"]);
const schemaMaps = new Set(["properties", "patternProperties"]);
/** Keywords whose values are data, not schemas. */
const literals = new Set(["enum", "const", "default", "examples", "required"]);

function convert(node: unknown, file: string): JsonSchema {
  if (!isNode(node)) return {};
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (dropped.has(keyword)) continue;
    if (literals.has(keyword)) out[keyword] = value;
    else if (keyword === "$ref") Object.assign(out, componentRef(String(value), file));
    else if (schemaMaps.has(keyword) && isNode(value))
      out[keyword] = Object.fromEntries(
        Object.entries(value).map(([key, schema]) => [key, convert(schema, file)]),
      );
    else if (Array.isArray(value))
      out[keyword] = value.map((item) => (isNode(item) ? convert(item, file) : item));
    else out[keyword] = isNode(value) ? convert(value, file) : value;
  }
  return out;
}
