import type { CompanyContext } from "../companies/company-context.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { entitySchemaNames, pascalCase } from "../openapi/component-names.ts";
import { entitySchemas } from "../openapi/entity-schemas.ts";
import { filterSchemas } from "../openapi/filter-schema.ts";
import { listParameters } from "../openapi/list-parameters.ts";
import type { JsonSchema } from "../openapi/openapi-types.ts";

/** What the SDK names each of an entity's schemas; every suffix ends differently, so no two names meet. */
const parts = {
  record: "Record",
  create: "Create",
  patch: "Patch",
  list: "List",
  filter: "Filter",
  condition: "Condition",
} as const;

const componentPrefix = "#/components/schemas/";

/**
 * One JSON Schema whose root, `Entities`, maps each entity of the company to
 * the schemas of its record, create and patch bodies, list page, filter and
 * sort keys — the OpenAPI document's own schemas of that entity (entity-schemas.ts,
 * filter-schema.ts, list-parameters.ts), moved under `$defs` and titled for
 * json-schema-to-typescript.
 *
 * @example
 * sdkSchema(company).properties.customer.properties.record; // { $ref: "#/$defs/customer" }
 */
export function sdkSchema(company: CompanyContext): JsonSchema {
  const definitions = Object.values(company.meta.entities);
  const defs: Record<string, JsonSchema> = {};
  for (const def of definitions) {
    const names = entitySchemaNames(def.entity.key);
    const schemas = { ...entitySchemas(def, company.fieldContext), ...filterSchemas(def) };
    for (const [part, suffix] of Object.entries(parts)) {
      const name = names[part as keyof typeof parts];
      defs[name] = { ...schemas[name], title: `${pascalCase(def.entity.key)}${suffix}` };
    }
  }
  const entities = definitions.map((def) => [def.entity.key, entityEntry(def)] as const);
  return {
    title: "Entities",
    description: `The entities of company \`${company.slug}\`: for each, its record as the API answers it, the bodies a create and an update take, a page of its list, its list filter and the keys it sorts by.`,
    type: "object",
    properties: Object.fromEntries(entities),
    required: entities.map(([key]) => key),
    additionalProperties: false,
    $defs: movedRefs(defs, new Set(Object.keys(defs))) as Record<string, JsonSchema>,
  };
}

function entityEntry(def: EntityDefinition): JsonSchema {
  const names = entitySchemaNames(def.entity.key);
  const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
  const sortable = listParameters(def).find((p) => p.name === "sort")!["x-sort-fields"] ?? [];
  const properties: Record<string, JsonSchema> = {
    record: ref(names.record),
    create: ref(names.create),
    patch: ref(names.patch),
    list: ref(names.list),
    filter: ref(names.filter),
    sortKey: {
      description: "A sort key of the list: a sortable field, `-` before it for descending order.",
      type: "string",
      enum: sortable.flatMap((field) => [field, `-${field}`]),
    },
  };
  return {
    type: "object",
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/** The schemas with each `$ref` to an OpenAPI component pointing into `$defs` instead. */
function movedRefs(value: unknown, known: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => movedRefs(v, known));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (key !== "$ref" || typeof v !== "string") return [key, movedRefs(v, known)];
      const name = v.startsWith(componentPrefix) ? v.slice(componentPrefix.length) : undefined;
      // Entity schemas refer only to each other; anything else would be a schema the SDK lacks.
      if (name === undefined || !known.has(name))
        throw new Error(`an entity schema refers to ${v}, which the SDK does not define`);
      return [key, `#/$defs/${name}`];
    }),
  );
}
