import { getFieldType } from "../fields/registry.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { entitySchemaNames, schemaRef } from "./component-names.ts";
import { listLimits } from "../query/list-limits.ts";
import { isSortable, queryableFields } from "../query/queryable-fields.ts";
import { filterHelp } from "./filter-schema.ts";
import type { Parameter } from "./openapi-types.ts";

/** The query parameters of `GET /api/data/<entity>`: filter, sort, q, limit, offset. */
export function listParameters(def: EntityDefinition): Parameter[] {
  const { key, titleField, search = [] } = def.entity;
  const sortable = queryableFields(def)
    .filter(([, f]) => isSortable(f))
    .map(([name]) => name);
  const defaultSort = (def.list.sort ?? ["-createdAt"]).join(",");
  return [
    {
      name: "filter",
      in: "query",
      description: filterHelp,
      schema: {
        type: "string",
        contentMediaType: "application/json",
        contentSchema: schemaRef(entitySchemaNames(key).filter),
      },
      example: JSON.stringify({ and: [exampleCondition(def)] }),
    },
    {
      name: "sort",
      in: "query",
      description: `Comma-separated fields, \`-\` before a field for descending order, at most ${listLimits.sortKeys}; the default is \`${defaultSort}\`. Sortable fields are listed in \`x-sort-fields\`: every field but json and multi-enum ones, and the system fields.`,
      schema: {
        type: "string",
        pattern: "^-?[A-Za-z_][A-Za-z0-9_]*(,-?[A-Za-z_][A-Za-z0-9_]*)*$",
      },
      example: `-createdAt,${titleField}`,
      "x-sort-fields": sortable,
    },
    {
      name: "q",
      in: "query",
      description:
        search.length > 0
          ? `Case-insensitive search for this text inside ${search.join(", ")}, or their pinyin when the text has no Chinese (full or initials: bjhd finds 北京恒达); at most ${listLimits.text} characters.`
          : "Quick search; this entity has no search fields, so a q finds nothing.",
      schema: { type: "string", maxLength: listLimits.text },
    },
    {
      name: "limit",
      in: "query",
      description: "Records per page; bigger reads go through export.",
      schema: {
        type: "integer",
        minimum: 1,
        maximum: listLimits.limit,
        default: listLimits.defaultLimit,
      },
    },
    {
      name: "offset",
      in: "query",
      description: "Records to skip.",
      schema: { type: "integer", minimum: 0, maximum: listLimits.offset, default: 0 },
    },
  ];
}

/** A condition on the title field that its type accepts, for the filter's example. */
function exampleCondition(def: EntityDefinition) {
  const { titleField } = def.entity;
  const operators = getFieldType(def.entity.fields[titleField]!.type)!.operators;
  if (operators.includes("contains")) return { field: titleField, op: "contains", value: "杭州" };
  return { field: "createdAt", op: "gte", value: "2026-01-01" };
}
