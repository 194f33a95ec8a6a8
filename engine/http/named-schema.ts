import { Type, type TSchema } from "@sinclair/typebox";

const nameKey = Symbol("component name");

/**
 * A schema the OpenAPI document keeps once among its components, under
 * `name`, and refers to wherever a route uses it (`Share`, `Company`).
 * Requests are checked with it as it is.
 *
 * @example
 * export const shareSchema = namedSchema("Share", Type.Object({ id: Type.String(), … }));
 */
export const namedSchema = <S extends TSchema>(name: string, schema: S): S => ({
  ...schema,
  [nameKey]: name,
});

/** The component name of a schema, if it has one. */
export const schemaNameOf = (schema: object): string | undefined =>
  (schema as { [nameKey]?: string })[nameKey];

/**
 * A schema the document keeps among its components apart from any route
 * (the metadata's own schemas, openapi/metadata-schemas.ts), referred to by
 * name. Only for answers: requests are never checked against it.
 */
export const componentRef = (name: string) => Type.Unsafe({ $ref: `#/components/schemas/${name}` });
