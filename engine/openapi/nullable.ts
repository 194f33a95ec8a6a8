import type { JsonSchema } from "../fields/field-type.ts";

/**
 * A schema that also accepts `null`. OpenAPI 3.1 schemas are JSON Schema
 * 2020-12, which has no `nullable`: null joins the `type` list (and the
 * `enum`, which would refuse it otherwise); a schema without a single type
 * becomes `anyOf` with null.
 *
 * @example
 * nullable({ type: "string", enum: ["A", "B"] });
 * // → { type: ["string", "null"], enum: ["A", "B", null] }
 */
export function nullable(schema: JsonSchema): JsonSchema {
  if (Object.keys(schema).length === 0) return schema; // `{}` already accepts null
  const { type } = schema;
  if (typeof type !== "string") return { anyOf: [schema, { type: "null" }] };
  if (type === "null") return schema;
  const out: JsonSchema = { ...schema, type: [type, "null"] };
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
  return out;
}
