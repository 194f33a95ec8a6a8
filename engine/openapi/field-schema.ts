import type { FieldContext } from "../fields/field-type.ts";
import { getFieldType, refersToRecords } from "../fields/registry.ts";
import { locales, type EntityDefinition } from "../metadata/metadata-types.ts";
import { own } from "../metadata/own-key.ts";
import type { FieldMetadata } from "../metadata/types.gen.ts";
import { readOnlyReason } from "../metadata/entity-fields.ts";
import { withArticle } from "./article.ts";
import { localeLabels } from "./locale-labels.ts";
import { nullable } from "./nullable.ts";
import type { JsonSchema } from "./openapi-types.ts";

/** `record`: a value as answered (always nullable); `write`: a value in a create or patch body. */
export type FieldSchemaMode = "record" | "write";

/**
 * The schema of one field's value: the field type's JSON Schema, nullable
 * where null is a valid value, described with the field's labels.
 *
 * @example
 * fieldSchema(customer, "quality", fields.quality, { currencyDecimals: 2 }, "record");
 * // → { type: ["string", "null"], enum: ["A", "B", "C", "D", null],
 * //     description: "Quality grade — …", "x-label-zh-CN": "客户等级", … }
 */
export function fieldSchema(
  def: EntityDefinition,
  name: string,
  field: FieldMetadata,
  ctx: FieldContext,
  mode: FieldSchemaMode,
): JsonSchema {
  const type = getFieldType(field.type)!;
  let schema = type.jsonSchema(field, ctx);
  const required = mode === "write" && field.required === true;
  // A required text refuses "" (and blanks) as well as null.
  if (required && schema.type === "string" && !schema.enum && !((schema.minLength as number) >= 1))
    schema = { ...schema, minLength: 1 };
  if (!required) schema = nullable(schema);
  const en = own(def.labels.en.fields, name) ?? name;
  const out: JsonSchema = {
    ...schema,
    description: describe(def, name, field, en, ctx),
    ...localeLabels((l) => own(def.labels[l].fields, name)),
    "x-field-type": field.type,
  };
  if (refersToRecords(field)) out["x-reference"] = field.entity;
  if (field.options) out["x-enum-labels"] = optionLabels(def, name, field.options);
  if (mode === "record" && readOnlyReason(def, name, field)) out.readOnly = true;
  if (mode === "write" && field.default !== undefined) out.default = field.default;
  return out;
}

function describe(
  def: EntityDefinition,
  name: string,
  field: FieldMetadata,
  label: string,
  ctx: FieldContext,
): string {
  const parts = [label];
  const help = own(def.labels.en.help, name);
  if (help) parts.push(help);
  const reason = readOnlyReason(def, name, field);
  if (reason) parts.push(`Read-only: ${reason}.`);
  const type = getFieldType(field.type)!;
  const expects = type.expects?.(field, ctx);
  if (expects) parts.push(`Expects ${expects}.`);
  if (type.refersToRecords)
    parts.push(
      `The id of ${withArticle(field.entity!)} record; its title is in \`_display.${name}\`.`,
    );
  const note = type.apiNote?.(name);
  if (note) parts.push(note);
  if (field.options) {
    const labels = own(def.labels.en.options, name) ?? {};
    parts.push(
      `Options: ${field.options.map((o) => (labels[o] ? `\`${o}\` (${labels[o]})` : `\`${o}\``)).join(", ")}.`,
    );
  }
  return parts.join("\n\n");
}

/** Option key → label, per locale, for the options that have one. */
function optionLabels(def: EntityDefinition, name: string, options: string[]) {
  return Object.fromEntries(
    locales.map((locale) => {
      const labels = own(def.labels[locale].options, name) ?? {};
      return [locale, Object.fromEntries(options.map((o) => [o, own(labels, o) ?? o]))];
    }),
  );
}
