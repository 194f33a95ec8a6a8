import type { Text } from "../i18n/text.ts";
import type { FieldMetadata } from "../../metadata/types.gen.ts";

/** Company settings a field type may depend on (money takes the currency's scale). */
export interface FieldContext {
  readonly currencyDecimals: number;
}

/** Operators of the list filter (design brief §8). */
export type FilterOperator =
  | "eq"
  | "ne"
  | "lt"
  | "lte"
  | "gt"
  | "gte"
  | "in"
  | "nin"
  | "contains"
  | "startsWith"
  | "between"
  | "isNull"
  /** Inside a region of a hierarchy (a province's cities and counties), the region itself included. */
  | "within";

/** A JSON Schema fragment; kept loose because each type writes its own. */
export type JsonSchema = Record<string, unknown>;

/**
 * One kind of field. Every projection of a field (column, API value, JSON
 * Schema, filter operators, widget) is declared here, so that adding a type is
 * adding one file and registering it in `registry.ts`.
 *
 * @example
 * const email: FieldType = {
 *   name: "email",
 *   properties: ["maxLength"],
 *   sqlType: () => "text",
 *   jsonSchema: (f) => ({ type: "string", format: "email", maxLength: f.maxLength ?? 254 }),
 *   operators: ["eq", "ne", "in", "nin", "contains", "startsWith", "isNull"],
 *   widget: "email",
 * };
 */
export interface FieldType {
  readonly name: string;
  /**
   * Metadata properties this type accepts beyond the common ones (required,
   * readOnly, hidden, unique, default); anything else is a metadata error.
   */
  readonly properties: readonly (keyof FieldMetadata)[];
  /** Checks type-specific rules of a field definition; returns a message per broken rule, keyed by property. */
  check?(field: FieldMetadata): Record<string, Text>;
  /** The PostgreSQL column type, e.g. `numeric(18,2)`. */
  sqlType(field: FieldMetadata, ctx: FieldContext): string;
  /** JSON Schema of a non-null value of this field in API payloads and answers. */
  jsonSchema(field: FieldMetadata, ctx: FieldContext): JsonSchema;
  /** A short description of the expected value, used in validation messages. */
  readonly expects?: (field: FieldMetadata, ctx: FieldContext) => Text;
  /** Filter operators offered for this type. */
  readonly operators: readonly FilterOperator[];
  /** Default UI widget (form.json's `ui:widget` may choose another). */
  readonly widget: string;
  /**
   * Checks a value the JSON Schema accepted against what JSON Schema cannot say,
   * such as the minimum of a decimal string; returns a message when broken.
   */
  checkValue?(value: unknown, field: FieldMetadata, ctx: FieldContext): Text | undefined;
  /** Converts a validated JSON value to the value bound in SQL (default: unchanged). */
  toDb?(value: unknown, field: FieldMetadata, ctx: FieldContext): unknown;
  /**
   * The text a stored value reads as, answered in `_display` beside the value
   * (a region's names for its code); types without it show the value itself.
   */
  display?(value: unknown): string | undefined;
  /** The SQL `LIKE` prefix of the values inside `value`, for the `within` operator. */
  withinPrefix?(value: string): string;
}
