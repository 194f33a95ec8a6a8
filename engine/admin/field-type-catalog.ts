import type { FieldMetadata } from "../../metadata/types.gen.ts";
import { commonFieldProperties, fieldTypes } from "../fields/registry.ts";
import type { FieldType, JsonSchema } from "../fields/field-type.ts";
import { inEveryLocale } from "../i18n/text.ts";
import { metaSchemaFiles } from "../metadata/meta-schema-files.ts";
import type { Locale } from "../metadata/metadata-types.ts";
import { storageProperties } from "../metadata/storage-changes.ts";

/** One property a field type accepts, with the JSON Schema its value must meet. */
export interface TypeProperty {
  key: string;
  schema: JsonSchema;
  /** It decides the column: set when the field is added, never changed after. */
  fixed: boolean;
}

/** A field type as the entity designer offers it. */
export interface FieldTypeEntry {
  key: string;
  labels: Record<Locale, string>;
  properties: TypeProperty[];
  /** The JSON type of a value (for a default), or null when it has none a designer can type. */
  valueType: string | null;
  refersToRecords: boolean;
  holdsSet: boolean;
}

/** Set by the engine or a plugin's folder, never by an admin. */
const notDesigned = new Set<string>(["type", "module"]);

/**
 * The registered field types with the properties each accepts (the common
 * ones, then its own), their JSON Schema taken from the field meta-schema,
 * so a designer offers exactly what the engine will accept.
 */
export function fieldTypeCatalog(): FieldTypeEntry[] {
  const definitions = (metaSchemaFiles().get("definitions")!.definitions ?? {}) as Record<
    string,
    JsonSchema
  >;
  const patch = definitions.fieldPatch!.properties as Record<string, JsonSchema>;
  // The designer reads plain schemas: `$ref`s to the shared definitions are written out.
  const inline = (schema: JsonSchema): JsonSchema => {
    const { $ref: ref, tsType: _ts, ...rest } = schema;
    const own = Object.fromEntries(
      Object.entries(rest).map(([k, v]) => [
        k,
        v && typeof v === "object" && !Array.isArray(v) ? inline(v as JsonSchema) : v,
      ]),
    );
    const target = typeof ref === "string" ? definitions[ref.replace("#/definitions/", "")] : null;
    return { ...(target ? inline(target) : {}), ...own };
  };
  return [...fieldTypes.values()].map((t) => ({
    key: t.name,
    labels: inEveryLocale(t.label),
    properties: [...commonFieldProperties, ...t.properties]
      .filter((p) => !notDesigned.has(p))
      .map((p) => ({
        key: p,
        schema: inline(patch[p] ?? {}),
        fixed: (storageProperties as readonly string[]).includes(p),
      })),
    valueType: valueType(t),
    refersToRecords: t.refersToRecords === true,
    holdsSet: t.holdsSet === true,
  }));
}

/** The JSON type of a value of `type`, from its own schema with sample properties. */
function valueType(type: FieldType): string | null {
  if (type.refersToRecords || type.holdsSet) return null;
  const sample = { type: type.name, options: ["a"], entity: "x" } as FieldMetadata;
  const schema = type.jsonSchema(sample, { currencyDecimals: 2 });
  return typeof schema.type === "string" ? schema.type : null;
}
