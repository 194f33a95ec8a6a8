import type { ErrorObject } from "ajv";
import { createAjv } from "../fields/create-ajv.ts";
import { ApiError, type FieldProblem } from "./api-error.ts";
import { AjvText } from "../i18n/ajv-text.ts";
import { unknownField } from "../metadata/metadata-texts.ts";
import { fieldTexts } from "./field-texts.ts";

const ajv = createAjv();

function toProblem(e: ErrorObject): FieldProblem {
  const params = e.params as { additionalProperty?: string; missingProperty?: string };
  if (e.keyword === "additionalProperties") {
    return {
      field: params.additionalProperty!,
      rule: "unknown",
      message: unknownField(params.additionalProperty!),
    };
  }
  if (e.keyword === "required")
    return { field: params.missingProperty!, rule: "required", message: fieldTexts.required() };
  return {
    field: e.instancePath.split("/")[1] ?? "",
    rule: e.keyword,
    message: new AjvText(e),
  };
}

/**
 * A checker for the JSON body of an engine route (not a record: those are
 * checked against metadata), compiled once. It throws a 400 with one problem
 * per field, as record validation does.
 */
export function bodyChecker<T>(schema: object): (body: unknown) => T {
  const validate = ajv.compile(schema);
  return (body) => {
    if (validate(body)) return body as T;
    const problems: FieldProblem[] = [];
    for (const p of (validate.errors ?? []).map(toProblem)) {
      if (!problems.some((q) => q.field === p.field)) problems.push(p);
    }
    throw ApiError.invalidRequest(problems);
  };
}
