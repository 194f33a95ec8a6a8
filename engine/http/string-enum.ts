import { Type, type SchemaOptions } from "@sinclair/typebox";

/**
 * One of a few strings, as JSON Schema's `enum` (TypeBox's unions of literals
 * become `anyOf`, whose failures ajv reports once per branch).
 *
 * @example
 * format: stringEnum(["csv", "xlsx"], { default: "csv" })
 */
export const stringEnum = <T extends string>(values: readonly T[], options: SchemaOptions = {}) =>
  Type.Unsafe<T>({ ...options, type: "string", enum: [...values] });
