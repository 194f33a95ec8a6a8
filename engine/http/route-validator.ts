import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import type { TSchema } from "@sinclair/typebox";
import type { Context } from "hono";
import { AjvText } from "../i18n/ajv-text.ts";
import { unknownField } from "../metadata/metadata-texts.ts";
import { ApiError, type FieldProblem } from "./api-error.ts";
import { fieldTexts } from "./field-texts.ts";
import { problemTextOf } from "./problem-text.ts";
import { readJsonObject } from "./read-json.ts";
import type { RouteInput, RouteSpec } from "./route-spec.ts";

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

// Verbose: an error carries the schema that failed, whose own wording (problem-text.ts) wins.
// TypeBox marks its schemas with symbol keys, which ajv never reads; strict mode sees none.
const bodyAjv = new Ajv({ allErrors: true, strict: true, verbose: true });
addFormats(bodyAjv);
// Params, query and header values are strings on the wire: converted to the schema's types.
const textAjv = new Ajv({ allErrors: true, strict: true, verbose: true, coerceTypes: true });
addFormats(textAjv);

/**
 * One problem per field, named as the request names it; a value below the
 * field (`permissions/entities/customer/scope`) is pointed at within it.
 */
function toProblem(e: ErrorObject): FieldProblem {
  const params = e.params as { additionalProperty?: string; missingProperty?: string };
  const path = e.instancePath.split("/").slice(1);
  const named = params.additionalProperty ?? params.missingProperty;
  if (named !== undefined) path.push(named);
  const [field = "", ...below] = path;
  const at = below.length > 0 ? { pointer: `/${below.join("/")}` } : {};
  if (e.keyword === "additionalProperties")
    return { field, rule: "unknown", message: unknownField(named!), ...at };
  if (e.keyword === "required")
    return { field, rule: "required", message: fieldTexts.required(), ...at };
  const own = problemTextOf(e.parentSchema);
  return { field, rule: e.keyword, message: own ? own(e.data) : new AjvText(e), ...at };
}

function check(validate: ValidateFunction | undefined, value: unknown): void {
  if (!validate || validate(value)) return;
  const problems: FieldProblem[] = [];
  for (const p of (validate.errors ?? []).map(toProblem))
    if (!problems.some((q) => q.field === p.field && q.pointer === p.pointer)) problems.push(p);
  throw ApiError.invalidRequest(problems);
}

/** The declared headers present in the request, by their declared names. */
function declaredHeaders(c: Context, names: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = c.req.header(name);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/** The validators of a route's params, query, headers and body, as ajv compiles them. */
export function compileRouteSchemas(spec: RouteSpec) {
  return {
    params: spec.params && textAjv.compile(spec.params),
    query: spec.query && textAjv.compile(spec.query),
    headers: spec.headers && textAjv.compile(spec.headers),
    body: spec.body && bodyAjv.compile(spec.body),
  };
}

/**
 * The request reader of one route: params, query, headers and JSON body
 * checked against the route's schemas (400 with one problem per field, in
 * the user's language), converted and typed. Its validators are compiled on
 * the route's first request: compiling all of them costs the start a good
 * part of a second, most routes wait long for their first call, and a test
 * compiles every declared route's schemas (openapi-coverage.test.ts).
 */
export function routeInputReader<S extends RouteSpec>(
  spec: S,
): (c: Context) => Promise<RouteInput<S>> {
  let validators: ReturnType<typeof compileRouteSchemas> | undefined;
  const headerNames = Object.keys(spec.headers?.properties ?? {});
  return async (c) => {
    validators ??= compileRouteSchemas(spec);
    const input = {
      params: { ...c.req.param() },
      query: { ...c.req.query() },
      headers: declaredHeaders(c, headerNames),
      body: spec.body ? await readJsonObject(c) : undefined,
    };
    check(validators.params, input.params);
    check(validators.query, input.query);
    check(validators.headers, input.headers);
    check(validators.body, input.body);
    return input as RouteInput<S>;
  };
}

/** A check of a JSON value against a schema, refusing it with the request's field problems. */
export function jsonChecker(schema: TSchema): (value: unknown) => void {
  const validate = bodyAjv.compile(schema);
  return (value) => check(validate, value);
}
