import type { Text } from "../i18n/text.ts";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import type { Cell } from "./spreadsheet-cell.ts";
import type { Sql, TextConversion } from "./text-conversion.ts";

/** Company settings a field type may depend on (money takes the currency's scale). */
export interface FieldContext {
  readonly currencyDecimals: number;
}

/** What turning a value into a spreadsheet cell may need besides the value. */
export interface CellContext {
  readonly ctx: FieldContext;
  /** The company's timezone, in which instants are written down. */
  readonly timezone: string;
  /** An option key's label in the export's language. */
  optionLabel(key: string): string;
  /** The value's text in the record's `_display`, if the record has one. */
  readonly display: string | undefined;
  /** "Yes" and "No" in the export's language. */
  readonly yesNo: readonly [string, string];
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

/**
 * How a field's values are compared when looking for duplicate records
 * (engine/duplicates/): the normalised form two values share when they name
 * the same company, line or mailbox.
 */
export interface DuplicateKey {
  /** The value's normalised form; undefined when it is too little to identify anything. */
  normalise(value: string): string | undefined;
  /**
   * Values of every field of this type meet under this name (a phone number
   * in "phone" matches the same one in "mobile"); without it, a field's values
   * only meet those of the same field.
   */
  readonly sharedAs?: string;
}

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
  /** What an admin choosing a field's type reads (the entity designer). */
  readonly label: Text;
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
  /** Lists may sort by it; arrays and JSON have no order a user would expect. */
  readonly sortable: boolean;
  /** The list's `q` and the search box may look inside it: text a user types. */
  readonly searchable?: boolean;
  /** Its value is the id of a record of the field's `entity`: a foreign key, a title in `_display`. */
  readonly refersToRecords?: boolean;
  /**
   * Its value is a set of elements: a filter value is one element, `in` means
   * "has any of", and an empty set is empty whether stored as null or as [].
   */
  readonly holdsSet?: boolean;
  /**
   * An instant: a filter value that is a bare date means that whole day in the
   * company's timezone.
   */
  readonly filtersByLocalDay?: boolean;
  /** Its values can identify a duplicate record (entity `duplicateCheck`), compared this way. */
  readonly duplicateKey?: DuplicateKey;
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
  /** A sentence the OpenAPI description of field `name` adds: how to read or filter its values. */
  apiNote?(name: string): string;
  /** The spreadsheet cell of a non-null value (default: its text). */
  toCell?(value: unknown, field: FieldMetadata, cx: CellContext): Cell;
  /** The SQL `LIKE` prefix of the values inside `value`, for the `within` operator. */
  withinPrefix?(value: string): string;
  /**
   * A stored value as the text another type converts (text-conversion.ts),
   * written as the API writes it; types without it are never converted from.
   */
  asText?(column: Sql): Sql;
  /** The types a field may change into this one from, and how their values convert. */
  readonly converts?: TextConversion;
}
