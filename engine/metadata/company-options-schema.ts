import { Type, type TSchema } from "@sinclair/typebox";
import type { CompanyOptions } from "../../metadata/types.gen.ts";
import { metaSchemaFiles } from "./meta-schema-files.ts";

/**
 * The company's switches as `/api/admin/options` reads and changes them: the
 * options meta-schema's own properties (its `$schema` pointer aside), so a
 * new option is one line there.
 */
const { $schema: _pointer, ...properties } = metaSchemaFiles().get("options")!.properties as Record<
  string,
  TSchema
>;

export const companyOptionsSchema = Type.Unsafe<CompanyOptions>({
  type: "object",
  additionalProperties: false,
  properties,
});

/** A change of some options: at least one, none unknown. */
export const companyOptionsChange = Type.Unsafe<CompanyOptions>({
  ...companyOptionsSchema,
  minProperties: 1,
});
