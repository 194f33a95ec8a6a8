import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Problems a standard OpenAPI validator finds in `doc` (its 3.1 schema and $ref checks); none when valid. */
export async function openApiProblems(doc: unknown): Promise<string[]> {
  const result = await new Validator().validate(structuredClone(doc) as Record<string, unknown>);
  if (result.valid) return [];
  const errors = result.errors ?? "invalid";
  return typeof errors === "string"
    ? [errors]
    : errors.map(
        (e) => `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`,
      );
}

/** Every path inside `value` whose key is `key`, as JSON pointers. */
export function pathsOfKey(value: unknown, key: string, at = ""): string[] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k === key ? [`${at}/${k}`] : []),
    ...pathsOfKey(v, key, `${at}/${k}`),
  ]);
}

function extensionKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith("x-")) into.add(k);
      else extensionKeys(v, into);
    }
  }
  return into;
}

/**
 * The document's component schemas compiled by ajv as JSON Schema 2020-12 in
 * strict mode (unknown keywords such as `nullable` fail; `x-` extensions are
 * annotations), to validate real answers and bodies against.
 */
export function componentSchemas(doc: any): (name: string) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  // Ajv knows OpenAPI 3.0's `nullable`; JSON Schema 2020-12 (so OpenAPI 3.1) has no such keyword.
  ajv.removeKeyword("nullable");
  addFormats(ajv);
  for (const keyword of extensionKeys(doc.components.schemas)) ajv.addKeyword(keyword);
  const $defs = JSON.parse(
    JSON.stringify(doc.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'),
  );
  ajv.addSchema({ $id: "https://metacrm.invalid/openapi.json", $defs });
  return (name) => {
    const validate = ajv.getSchema(`https://metacrm.invalid/openapi.json#/$defs/${name}`);
    if (!validate) throw new Error(`no component schema ${name}`);
    return validate as ValidateFunction;
  };
}

/** Ajv's errors as lines, for failure messages. */
export const errorLines = (validate: ValidateFunction) =>
  (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
