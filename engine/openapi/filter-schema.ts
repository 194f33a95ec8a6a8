import type { FilterOperator } from "../fields/field-type.ts";
import { getFieldType } from "../fields/registry.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { listLimits } from "../query/list-limits.ts";
import { queryableFields } from "../query/queryable-fields.ts";
import { entitySchemaNames, schemaRef } from "./component-names.ts";
import type { JsonSchema } from "./openapi-types.ts";

/** Field → the operators its type offers. */
export function filterOperators(def: EntityDefinition): Record<string, readonly FilterOperator[]> {
  return Object.fromEntries(
    queryableFields(def).map(([name, f]) => [name, getFieldType(f.type)!.operators]),
  );
}

export const filterHelp = [
  'A JSON filter tree such as `{"and":[{"field":"city","op":"eq","value":"杭州"}]}`.',
  `A node is \`{and: [nodes]}\`, \`{or: [nodes]}\`, \`{not: node}\` or a condition \`{field, op, value}\`; nesting is at most ${listLimits.depth} deep and a filter holds at most ${listLimits.conditions} conditions.`,
  "Operators: eq, ne, lt, lte, gt, gte, in, nin, contains, startsWith, between, isNull, within; each field type offers some of them (see `x-filter-operators` of the condition schema).",
  `\`in\`/\`nin\` take an array (at most ${listLimits.inValues} values; on a multi-enum: has any / none of); \`between\` takes \`[from, to]\`, inclusive; \`isNull\` takes true or false; \`ne\` and \`nin\` include empty values; \`contains\` and \`startsWith\` ignore case and take \`% _ \\\` literally; date bounds on a datetime field are whole days in the company's timezone; a reference compares by the target's id; \`within\` a region (a code such as 330000 for 浙江省) also finds the regions inside it.`,
].join("\n\n");

/**
 * `<entity>Filter` and `<entity>Condition`: the filter tree of the list,
 * with the fields this entity can be filtered by and each one's operators.
 */
export function filterSchemas(def: EntityDefinition): Record<string, JsonSchema> {
  const names = entitySchemaNames(def.entity.key);
  const operators = filterOperators(def);
  const self = schemaRef(names.filter);
  const branch = (key: string, value: JsonSchema): JsonSchema => ({
    type: "object",
    required: [key],
    properties: { [key]: value },
    additionalProperties: false,
  });
  return {
    [names.filter]: {
      description: filterHelp,
      anyOf: [
        branch("and", { type: "array", items: self }),
        branch("or", { type: "array", items: self }),
        branch("not", self),
        schemaRef(names.condition),
      ],
    },
    [names.condition]: {
      type: "object",
      description: `One comparison on a field of ${def.entity.key}. The value must be a value of the field (an array for in, nin and between; true or false for isNull).`,
      required: ["field", "op"],
      properties: {
        field: { type: "string", enum: Object.keys(operators) },
        op: {
          type: "string",
          enum: [...new Set(Object.values(operators).flat())],
        },
        value: { description: "The value compared with; its form depends on the operator." },
      },
      additionalProperties: false,
      "x-filter-operators": operators,
    },
  };
}
