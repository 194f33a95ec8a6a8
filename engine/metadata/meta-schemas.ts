import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { MetadataProblem } from "./metadata-error.ts";
import { AjvText } from "../i18n/ajv-text.ts";
import { tr } from "../i18n/text.ts";
import { metaSchemaFiles } from "./meta-schema-files.ts";

export type MetaSchemaName =
  "entity" | "form" | "list" | "labels" | "modules" | "options" | "overlay" | "extension";

/** The meta-schemas of metadata/schema, compiled once per process. */
class MetaSchemas {
  readonly #validators = new Map<MetaSchemaName, ValidateFunction>();

  constructor() {
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    // json-schema-to-typescript's keyword: it types a definition, it does not validate.
    ajv.addKeyword("tsType");
    for (const schema of metaSchemaFiles().values()) ajv.addSchema(schema);
    for (const name of [
      "entity",
      "form",
      "list",
      "labels",
      "modules",
      "options",
      "overlay",
      "extension",
    ] as const) {
      this.#validators.set(name, ajv.getSchema(`${name}.schema.json`)!);
    }
  }

  /** Problems of `data` against a meta-schema, each with its JSON pointer. */
  check(name: MetaSchemaName, data: unknown, source: string, base = ""): MetadataProblem[] {
    const validate = this.#validators.get(name)!;
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => toProblem(e, source, base));
  }
}

function toProblem(e: ErrorObject, source: string, base: string): MetadataProblem {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === "additionalProperties") {
    const prop = String(params.additionalProperty);
    return {
      source,
      pointer: `${base}${e.instancePath}/${prop}`,
      rule: tr('unknown property "{property}"', { property: prop }),
    };
  }
  if (e.keyword === "propertyNames") {
    const name = String(params.propertyName);
    return {
      source,
      pointer: `${base}${e.instancePath}/${name}`,
      rule: tr('"{key}" is not a valid key', { key: name }),
    };
  }
  return { source, pointer: `${base}${e.instancePath}`, rule: new AjvText(e) };
}

export const metaSchemas = new MetaSchemas();
