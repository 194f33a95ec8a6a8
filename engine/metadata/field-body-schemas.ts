import { Type, type TSchema } from "@sinclair/typebox";
import { locales } from "./metadata-types.ts";

/**
 * The shapes of the bodies that change an entity's fields and labels, as a
 * route checks them before anything else: a custom key, labels per known
 * locale. What a field definition or a label may hold is checked with the
 * change against the meta-schemas (metadata/schema), and the document shows
 * those.
 */

const perLocale = (schema: TSchema) =>
  Type.Object(Object.fromEntries(locales.map((l) => [l, Type.Optional(schema)])), {
    additionalProperties: false,
  });

/** A field's label per locale: `{"zh-CN": "微信", "en": "WeChat"}`. */
export const fieldLabelsSchema = perLocale(Type.String());

/** The key of a company's own field: x_ followed by lower-case letters, digits or _. */
export const customFieldKey = Type.String({ pattern: "^x_[a-z][a-z0-9_]{0,45}$" });

/** A company's own field: its key, its definition and its labels. */
export const newFieldShape = (key: TSchema) =>
  Type.Object({ key, labels: Type.Optional(fieldLabelsSchema) }, { additionalProperties: true });

/** Properties of a field to change, and optionally its labels and a value to fill empty records with. */
export const fieldChangeShape = Type.Object(
  {
    labels: Type.Optional(fieldLabelsSchema),
    fillWith: Type.Optional(
      Type.Unknown({
        description:
          "With required: true, a value of the field written into every record that has none, in the same change.",
      }),
    ),
  },
  { additionalProperties: true },
);

/** An entity's labels to change, per locale, key by key. */
export const labelsChangeShape = perLocale(Type.Object({}, { additionalProperties: true }));
