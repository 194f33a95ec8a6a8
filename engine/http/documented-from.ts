import type { TSchema } from "@sinclair/typebox";

/**
 * What the OpenAPI document writes from the company's metadata in place of a
 * route's schema (openapi/route-paths.ts): the company's entity keys, for
 * a route of each entity (`perEntity`) that entity's record and the list
 * parameters it accepts, and the field definitions and labels of its
 * metadata (checked in full against the meta-schemas with the change).
 */
export type MetadataSchema =
  | "entityKey"
  | "entityRecord"
  | "listFilter"
  | "listSort"
  | "listSearch"
  | "newField"
  | "fieldChange"
  | "localizedLabels";

const sourceKey = Symbol("documented from");

/**
 * A schema requests are checked with as it is, and that the document writes
 * from the company's metadata: `Type.String()` checks an entity key, the
 * document lists the keys the company has.
 *
 * @example
 * params: Type.Object({ entity: documentedFrom(Type.String(), "entityKey") })
 */
export const documentedFrom = <S extends TSchema>(schema: S, source: MetadataSchema): S => ({
  ...schema,
  [sourceKey]: source,
});

/** The metadata a schema is documented from, if it is. */
export const metadataSchemaOf = (schema: object): MetadataSchema | undefined =>
  (schema as { [sourceKey]?: MetadataSchema })[sourceKey];
