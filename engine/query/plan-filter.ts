import type { FieldContext, FilterOperator } from "../fields/field-type.ts";
import { getFieldType } from "../fields/registry.ts";
import { ApiError } from "../http/api-error.ts";
import { containsNul } from "../http/contains-nul.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import type { FieldMetadata } from "../metadata/types.gen.ts";
import { checkFilterValue } from "./filter-values.ts";
import { limitExceeded, listLimits } from "./list-limits.ts";
import type { Predicate } from "./list-plan.ts";
import { escapeLike } from "./escape-like.ts";
import { queryableField } from "./queryable-fields.ts";
import { nextDay, isDateOnly } from "./local-days.ts";
import { tr, type Text } from "../i18n/text.ts";
import { unknownField } from "../metadata/metadata-texts.ts";

interface PlanContext {
  def: EntityDefinition;
  ctx: FieldContext;
  timezone: string;
  conditions: number;
}

const type = (field: FieldMetadata) => getFieldType(field.type)!;

const bad = (path: string, message: Text, details: Record<string, unknown> = {}) =>
  new ApiError(400, "bad_filter", tr("filter{path}: {problem}", { path, problem: message }), {
    path: path || "/",
    ...details,
  });

/**
 * A filter tree (design brief §8) → a predicate of the plan. Every field is
 * looked up in metadata, every operator checked against the field's type,
 * every value against the field's schema; anything else is a 400 naming the
 * place in the tree.
 */
export function planFilter(
  tree: unknown,
  def: EntityDefinition,
  ctx: FieldContext,
  timezone: string,
): Predicate {
  const pc: PlanContext = { def, ctx, timezone, conditions: 0 };
  return node(tree, "", 1, pc);
}

function node(n: unknown, path: string, depth: number, pc: PlanContext): Predicate {
  if (depth > listLimits.depth)
    throw limitExceeded(
      "depth",
      tr("filter is nested more than {depth} deep at {path}", { depth: listLimits.depth, path }),
    );
  if (!n || typeof n !== "object" || Array.isArray(n))
    throw bad(
      path,
      tr("each node must be an object: {forms}", {
        forms: "{and: [...]}, {or: [...]}, {not: {...}}, {field, op, value}",
      }),
    );
  const keys = Object.keys(n);
  const o = n as Record<string, unknown>;
  if (keys.length === 1 && (keys[0] === "and" || keys[0] === "or")) {
    const kind = keys[0];
    const items = o[kind];
    if (!Array.isArray(items))
      throw bad(`${path}/${kind}`, tr('"{kind}" takes an array of nodes', { kind }));
    return {
      kind,
      items: items.map((item, i) => node(item, `${path}/${kind}/${i}`, depth + 1, pc)),
    };
  }
  if (keys.length === 1 && keys[0] === "not")
    return { kind: "not", item: node(o.not, `${path}/not`, depth + 1, pc) };
  return condition(o, path, pc);
}

function condition(o: Record<string, unknown>, path: string, pc: PlanContext): Predicate {
  const extra = Object.keys(o).filter((k) => k !== "field" && k !== "op" && k !== "value");
  if (extra.length > 0)
    throw bad(
      `${path}/${extra[0]}`,
      tr('unknown key "{key}" (a condition has field, op and value)', { key: extra[0]! }),
    );
  if (++pc.conditions > listLimits.conditions)
    throw limitExceeded(
      "conditions",
      tr("filter has more than {max} conditions", { max: listLimits.conditions }),
    );
  const { field: name, op, value } = o;
  if (containsNul(value))
    throw bad(`${path}/value`, tr("a value cannot contain the character U+0000"));
  if (typeof name !== "string") throw bad(`${path}/field`, tr("field must be a field key"));
  const field = queryableField(pc.def, name);
  if (!field) throw bad(`${path}/field`, unknownField(name), { field: name });
  const type = getFieldType(field.type)!;
  if (typeof op !== "string" || !(type.operators as readonly string[]).includes(op)) {
    throw bad(
      `${path}/op`,
      tr("operator {operator} does not apply to {field} (a {type} field); use one of {operators}", {
        operator: JSON.stringify(op),
        field: name,
        type: field.type,
        operators: type.operators.join(", "),
      }),
      { field: name },
    );
  }
  return operator(op as FilterOperator, name, field, value, `${path}/value`, pc);
}

function operator(
  op: FilterOperator,
  column: string,
  field: FieldMetadata,
  value: unknown,
  path: string,
  pc: PlanContext,
): Predicate {
  const check = (v: unknown, at = path) => {
    const problem = checkFilterValue(field, v, pc.ctx);
    if (problem)
      throw bad(at, tr("{field} {problem}", { field: column, problem }), { field: column });
    return v;
  };
  const days = type(field).filtersByLocalDay === true && isDateOnly(value);
  const dayRange = (from: string | null, to: string | null): Predicate => ({
    kind: "dayRange",
    column,
    from,
    to,
    timezone: pc.timezone,
  });
  switch (op) {
    case "isNull": {
      if (typeof value !== "boolean") throw bad(path, tr("isNull takes true or false"));
      // An empty multi-enum is empty whether stored as null or as [].
      return type(field).holdsSet
        ? { kind: "emptyArray", column, empty: value }
        : { kind: "isNull", column, isNull: value };
    }
    case "contains":
    case "startsWith": {
      if (typeof value !== "string")
        throw bad(path, tr("{operator} takes a string", { operator: op }));
      if (value.length > listLimits.text)
        throw limitExceeded(
          "text",
          tr("the {operator} value of {field} is longer than {max} characters", {
            operator: op,
            field: column,
            max: listLimits.text,
          }),
        );
      const escaped = escapeLike(value);
      return {
        kind: "like",
        columns: [column],
        pattern: op === "contains" ? `%${escaped}%` : `${escaped}%`,
      };
    }
    case "in":
    case "nin": {
      if (!Array.isArray(value))
        throw bad(path, tr("{operator} takes an array of values", { operator: op }));
      if (value.length > listLimits.inValues)
        throw limitExceeded(
          "inValues",
          tr("{operator} on {field} has {count} values", {
            operator: op,
            field: column,
            count: value.length,
          }),
        );
      value.forEach((v, i) => check(v, `${path}/${i}`));
      if (type(field).holdsSet)
        return { kind: "overlaps", column, values: value as string[], negate: op === "nin" };
      return { kind: "in", column, values: value, negate: op === "nin" };
    }
    case "within": {
      if (typeof value !== "string") throw bad(path, tr("within takes one value"));
      check(value);
      // Inside something that does not exist is a mistake, not an empty answer.
      const unknown = type(field).checkValue?.(value, field, pc.ctx);
      if (unknown)
        throw bad(path, tr("{field} {problem}", { field: column, problem: unknown }), {
          field: column,
        });
      // Codes of a hierarchy share their parent's prefix (GB/T 2260: 33 → 3301 → 330106).
      return { kind: "like", columns: [column], pattern: `${type(field).withinPrefix!(value)}%` };
    }
    case "between": {
      if (!Array.isArray(value) || value.length !== 2)
        throw bad(path, tr("between takes [from, to]"));
      if (type(field).filtersByLocalDay && isDateOnly(value[0]) && isDateOnly(value[1])) {
        value.forEach((v, i) => check(`${String(v)}T00:00:00Z`, `${path}/${i}`));
        return dayRange(value[0], nextDay(value[1]));
      }
      const [from, to] = value.map((v, i) => check(v, `${path}/${i}`));
      return {
        kind: "and",
        items: [
          { kind: "compare", column, op: ">=", value: from },
          { kind: "compare", column, op: "<=", value: to },
        ],
      };
    }
    default: {
      if (days) {
        check(`${value}T00:00:00Z`);
        const day = value;
        const after = nextDay(day);
        if (op === "eq") return dayRange(day, after);
        if (op === "ne") return { kind: "not", item: dayRange(day, after) };
        if (op === "lt") return dayRange(null, day);
        if (op === "lte") return dayRange(null, after);
        if (op === "gt") return after === null ? { kind: "false" } : dayRange(after, null);
        return dayRange(day, null);
      }
      check(value);
      if (op === "ne") return { kind: "notEqual", column, value };
      const sqlOp = { eq: "=", lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;
      return { kind: "compare", column, op: sqlOp[op as keyof typeof sqlOp], value };
    }
  }
}
