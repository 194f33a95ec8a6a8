import type { ValidateFunction } from "ajv";
import { createAjv } from "../fields/create-ajv.ts";
import type { FieldContext } from "../fields/field-type.ts";
import { getFieldType } from "../fields/registry.ts";
import type { FieldMetadata } from "../metadata/types.gen.ts";
import { AjvText } from "../i18n/ajv-text.ts";
import { tr, type Text } from "../i18n/text.ts";
import { valueTexts } from "../fields/value-texts.ts";

const ajv = createAjv();
/** Field objects belong to one metadata version; money's schema also depends on the company's decimals. */
const cache = new WeakMap<FieldMetadata, Map<number, ValidateFunction>>();

/**
 * Why `value` is not a value of `field`, or undefined when it is. Filter
 * values are checked with the same JSON Schema as record payloads, compiled
 * once per field and metadata version.
 */
export function checkFilterValue(
  field: FieldMetadata,
  value: unknown,
  ctx: FieldContext,
): Text | undefined {
  if (value === null || value === undefined)
    return tr("needs a value (use isNull to find empty values)");
  let byScale = cache.get(field);
  if (!byScale) cache.set(field, (byScale = new Map()));
  let validate = byScale.get(ctx.currencyDecimals);
  const type = getFieldType(field.type)!;
  if (!validate) {
    // A filter compares one option of a multi-enum at a time.
    // A filter may look for any value of the type, also outside what the field accepts on write.
    const {
      minimum: _min,
      maximum: _max,
      minLength: _minL,
      maxLength: _maxL,
      ...unbounded
    } = field;
    const schema = type.jsonSchema(unbounded, ctx);
    validate = ajv.compile(type.holdsSet ? (schema.items as object) : schema);
    byScale.set(ctx.currencyDecimals, validate);
  }
  if (validate(value)) return undefined;
  const error = validate.errors?.[0];
  if (type.expects && error && ["pattern", "format", "type"].includes(error.keyword)) {
    return valueTexts.mustBe(type.expects(field, ctx));
  }
  const allowed = (error?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
  if (allowed) return valueTexts.mustBeOneOf(allowed);
  return error ? new AjvText(error) : valueTexts.invalid();
}
