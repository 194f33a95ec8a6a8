import { getFieldType } from "../fields/registry.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { entitySchemaNames, schemaRef } from "./component-names.ts";
import { listLimits } from "../query/list-limits.ts";
import { isSortable, queryableFields } from "../query/queryable-fields.ts";
import { filterHelp } from "./filter-schema.ts";
import type { Parameter } from "./openapi-types.ts";

/** The query parameters of `GET /api/data/<entity>`: filter, sort, q, limit, offset, after, total. */
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
      description: "Records to skip. Deep pages are cheaper with `after`; not with `after`.",
      schema: { type: "integer", minimum: 0, maximum: listLimits.offset, default: 0 },
    },
    {
      name: "after",
      in: "query",
      description:
        "The `next` of the page before, as answered: the page that follows it (keyset paging, stable while records are added). Only with the same filter, q and sort; not with `offset`. A value that is not such a cursor is a 400 `bad_cursor`.",
      schema: { type: "string", maxLength: listLimits.cursor, pattern: "^[A-Za-z0-9_-]+$" },
    },
    {
      name: "total",
      in: "query",
      description: `How to count \`total\`: \`exact\` counts every match, \`estimate\` takes the database planner's estimate (fast, approximate), \`none\` does not count (\`total\` is null). Without it, matches are counted exactly up to ${listLimits.exactTotal.toLocaleString("en")} and estimated beyond, or with \`q\` up to ${listLimits.exactSearchTotal.toLocaleString("en")} and answered as \`more\` beyond; \`totalKind\` says which.`,
      schema: { type: "string", enum: ["exact", "estimate", "none"] },
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
