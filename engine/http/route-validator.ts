import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import type { Context } from "hono";
import { AjvText } from "../i18n/ajv-text.ts";
import { unknownField } from "../metadata/metadata-texts.ts";
import { ApiError, type FieldProblem } from "./api-error.ts";
import { fieldTexts } from "./field-texts.ts";
import { readJsonObject } from "./read-json.ts";
import type { RouteInput, RouteSpec } from "./route-spec.ts";

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const strictAjv = () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv;
};
// TypeBox marks its schemas with symbol keys, which ajv never reads; strict mode sees none.
const bodyAjv = strictAjv();
// Params and query values are strings on the wire: converted to the schema's types.
const textAjv = new Ajv({ allErrors: true, strict: true, coerceTypes: true });
addFormats(textAjv);

/** One problem per field, named as the request names it. */
function toProblem(e: ErrorObject): FieldProblem {
  const params = e.params as { additionalProperty?: string; missingProperty?: string };
  if (e.keyword === "additionalProperties")
    return {
      field: params.additionalProperty!,
      rule: "unknown",
      message: unknownField(params.additionalProperty!),
    };
  if (e.keyword === "required")
    return { field: params.missingProperty!, rule: "required", message: fieldTexts.required() };
  return {
    field: e.instancePath.split("/")[1] ?? "",
    rule: e.keyword,
    message: new AjvText(e),
  };
}

function check(validate: ValidateFunction | undefined, value: unknown): void {
  if (!validate || validate(value)) return;
  const problems: FieldProblem[] = [];
  for (const p of (validate.errors ?? []).map(toProblem))
    if (!problems.some((q) => q.field === p.field)) problems.push(p);
  throw ApiError.invalidRequest(problems);
}

/**
 * The request reader of one route, compiled once when the route is declared:
 * params, query and JSON body checked against the route's schemas (400 with
 * one problem per field, in the user's language), converted and typed.
 */
export function routeInputReader<S extends RouteSpec>(
  spec: S,
): (c: Context) => Promise<RouteInput<S>> {
  const params = spec.params && textAjv.compile(spec.params);
  const query = spec.query && textAjv.compile(spec.query);
  const body = spec.body && bodyAjv.compile(spec.body);
  return async (c) => {
    const input = {
      params: { ...c.req.param() },
      query: { ...c.req.query() },
      body: spec.body ? await readJsonObject(c) : undefined,
    };
    check(params, input.params);
    check(query, input.query);
    check(body, input.body);
    return input as RouteInput<S>;
  };
}
