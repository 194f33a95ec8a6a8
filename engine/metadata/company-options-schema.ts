import { readFileSync } from "node:fs";
import path from "node:path";
import { Type, type TSchema } from "@sinclair/typebox";
import { projectRoot } from "../project/project-root.ts";
import type { CompanyOptions } from "./types.gen.ts";

const metaSchema = JSON.parse(
  readFileSync(path.join(projectRoot, "metadata/schema/options.schema.json"), "utf8"),
) as { properties: Record<string, object> };

/**
 * The company's switches as `/api/admin/options` reads and changes them: the
 * options meta-schema's own properties (its `$schema` pointer aside), so a
 * new option is one line there.
 */
const { $schema: _pointer, ...properties } = metaSchema.properties;

export const companyOptionsSchema = Type.Unsafe<CompanyOptions>({
  type: "object",
  additionalProperties: false,
  properties: properties as Record<string, TSchema>,
});

/** A change of some options: at least one, none unknown. */
export const companyOptionsChange = Type.Unsafe<CompanyOptions>({
  ...companyOptionsSchema,
  minProperties: 1,
});
