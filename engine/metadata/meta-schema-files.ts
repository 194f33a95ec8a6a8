import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../project/project-root.ts";

/** Where the meta-schemas live: one JSON Schema per kind of metadata. */
export const metaSchemaDir = path.join(projectRoot, "metadata/schema");

/** A meta-schema as written in its file (draft-07, `$id` the file name). */
export type MetaSchemaFile = Record<string, unknown> & { $id: string };

/**
 * The meta-schemas of metadata/schema by name (`entity` for
 * entity.schema.json), read once: the validator, the generated types and
 * the OpenAPI components all come from these same files.
 *
 * @example
 * metaSchemaFiles().get("list")?.title; // "ListLayout"
 */
export function metaSchemaFiles(): ReadonlyMap<string, MetaSchemaFile> {
  files ??= new Map(
    readdirSync(metaSchemaDir)
      .filter((f) => f.endsWith(".schema.json"))
      .sort()
      .map((f) => [
        f.replace(".schema.json", ""),
        JSON.parse(readFileSync(path.join(metaSchemaDir, f), "utf8")) as MetaSchemaFile,
      ]),
  );
  return files;
}

let files: Map<string, MetaSchemaFile> | undefined;
