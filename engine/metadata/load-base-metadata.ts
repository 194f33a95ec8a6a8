import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { checkEntity, type Locate } from "./check-entity.ts";
import { checkFilterBy } from "./check-filter-by.ts";
import { hashJson } from "./hash-json.ts";
import { MetadataInvalidError, type MetadataProblem } from "./metadata-error.ts";
import {
  locales,
  type BaseMetadata,
  type EntityDefinition,
  type EntityPart,
  type Locale,
} from "./metadata-types.ts";
import { metaSchemas, type MetaSchemaName } from "./meta-schemas.ts";
import type {
  Labels,
  ModulesMetadata,
  CompanyOptions,
  EntityExtension,
} from "../../metadata/types.gen.ts";
import { own } from "./own-key.ts";
import { tr } from "../i18n/text.ts";
import { unknownEntity } from "./metadata-texts.ts";

/** An entity's files: its definition, form and list, and its labels in each locale. */
const partFiles = {
  entity: { file: "entity.json", schema: "entity" },
  form: { file: "form.json", schema: "form" },
  list: { file: "list.json", schema: "list" },
  ...Object.fromEntries(
    locales.map((l) => [`labels.${l}`, { file: `labels.${l}.json`, schema: "labels" }]),
  ),
} as Record<EntityPart, { file: string; schema: MetaSchemaName }>;

/**
 * Reads the base metadata (`<root>/metadata`, then each `<root>/plugins/<p>/metadata`
 * in name order, only the `plugins` given when they are) and refuses it whole
 * when anything is wrong, naming every problem by file, JSON pointer and rule.
 * A plugin's metadata may bring menus (`modules.json`) and their labels
 * (`labels.<locale>.json`) besides its entities.
 */
export function loadBaseMetadata(root: string, plugins?: readonly string[]): BaseMetadata {
  const problems: MetadataProblem[] = [];
  const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");
  const read = (file: string, schema: MetaSchemaName): unknown => {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, "utf8"));
    } catch (err) {
      const reason =
        (err as NodeJS.ErrnoException).code === "ENOENT"
          ? tr("file is missing")
          : tr("not valid JSON ({reason})", { reason: (err as Error).message });
      problems.push({ source: rel(file), pointer: "", rule: reason });
      return undefined;
    }
    problems.push(...metaSchemas.check(schema, data, rel(file)));
    // `$schema` serves editors; it is not metadata.
    if (data && typeof data === "object") delete (data as { $schema?: unknown }).$schema;
    return data;
  };

  const metadataDirs = [path.join(root, "metadata")];
  const pluginsDir = path.join(root, "plugins");
  if (existsSync(pluginsDir)) {
    for (const p of readdirSync(pluginsDir).sort()) {
      if (plugins && !plugins.includes(p)) continue;
      const dir = path.join(pluginsDir, p, "metadata");
      if (existsSync(dir)) metadataDirs.push(dir);
    }
  }

  const entities: Record<string, EntityDefinition> = {};
  const sources: BaseMetadata["sources"] = {};
  for (const dir of metadataDirs) {
    const entitiesDir = path.join(dir, "entities");
    if (!existsSync(entitiesDir)) continue;
    for (const key of readdirSync(entitiesDir).sort()) {
      const folder = path.join(entitiesDir, key);
      if (own(entities, key)) {
        problems.push({
          source: rel(folder),
          pointer: "",
          rule: tr('entity "{entity}" is already defined in {source}', {
            entity: key,
            source: sources[key]!.entity,
          }),
        });
        continue;
      }
      const parts = {} as Record<EntityPart, unknown>;
      sources[key] = {} as Record<EntityPart, string>;
      for (const [part, { file, schema }] of Object.entries(partFiles) as [
        EntityPart,
        (typeof partFiles)[EntityPart],
      ][]) {
        parts[part] = read(path.join(folder, file), schema);
        sources[key][part] = rel(path.join(folder, file));
      }
      entities[key] = {
        entity: parts.entity,
        form: parts.form,
        list: parts.list,
        labels: Object.fromEntries(locales.map((l) => [l, parts[`labels.${l}`]])),
      } as EntityDefinition;
    }
  }

  for (const dir of metadataDirs.slice(1))
    problems.push(...extendEntities(dir, entities, read, rel));

  const modules = read(path.join(root, "metadata/modules.json"), "modules") as ModulesMetadata;
  const { $schema: _options, ...options } = read(
    path.join(root, "metadata/options.json"),
    "options",
  ) as CompanyOptions;
  const labels = Object.fromEntries(
    locales.map((l) => [l, read(path.join(root, `metadata/labels.${l}.json`), "labels") as Labels]),
  ) as Record<Locale, Labels>;
  // Where each menu was declared, for problems: the file and the menu's index there.
  const menuSources = (modules?.modules ?? []).map((_, i) => ({
    source: "metadata/modules.json",
    i,
  }));
  for (const dir of metadataDirs.slice(1)) {
    const file = path.join(dir, "modules.json");
    if (existsSync(file)) {
      const more = (read(file, "modules") as ModulesMetadata | undefined)?.modules ?? [];
      modules?.modules.push(...more);
      menuSources.push(...more.map((_, i) => ({ source: rel(file), i })));
    }
    for (const l of locales) {
      const labelFile = path.join(dir, `labels.${l}.json`);
      if (!existsSync(labelFile) || !labels[l]) continue;
      const more = read(labelFile, "labels") as Labels | undefined;
      labels[l].modules = { ...labels[l].modules, ...more?.modules };
    }
  }

  // Semantic checks need every part to have passed its meta-schema.
  if (problems.length === 0) {
    const keys = new Set(Object.keys(entities));
    const locate =
      (key: string): Locate =>
      (part, ptr) => ({ source: sources[key]![part], pointer: ptr });
    for (const [key, def] of Object.entries(entities))
      problems.push(...checkEntity(key, def, keys, locate(key)));
    // Across entities, once each is sound on its own.
    if (problems.length === 0) {
      for (const key of Object.keys(entities))
        problems.push(...checkFilterBy(entities, key, locate(key)));
    }
    modules.modules.forEach((m, i) =>
      m.menu.forEach((item, j) => {
        if (!keys.has(item.entity)) {
          problems.push({
            source: menuSources[i]!.source,
            pointer: `/modules/${menuSources[i]!.i}/menu/${j}/entity`,
            rule: unknownEntity(item.entity),
          });
        }
      }),
    );
  }
  if (problems.length > 0) throw new MetadataInvalidError(problems);

  const set = { entities, modules, labels, options };
  return { ...set, sources, hash: hashJson(set) };
}

/**
 * Adds a plugin's fields to the entities it extends (`metadata/extends/<entity>/`):
 * named `x_<plugin>_…`, marked with the plugin (hidden where it is off), and
 * labelled from the labels beside them.
 */
function extendEntities(
  dir: string,
  entities: Record<string, EntityDefinition>,
  read: (file: string, schema: MetaSchemaName) => unknown,
  rel: (file: string) => string,
): MetadataProblem[] {
  const plugin = path.basename(path.dirname(dir));
  const extendsDir = path.join(dir, "extends");
  if (!existsSync(extendsDir)) return [];
  const problems: MetadataProblem[] = [];
  for (const key of readdirSync(extendsDir).sort()) {
    const folder = path.join(extendsDir, key);
    const file = path.join(folder, "entity.json");
    const extension = read(file, "extension") as EntityExtension | undefined;
    const target = own(entities, key);
    if (!target?.entity) {
      problems.push({ source: rel(folder), pointer: "", rule: unknownEntity(key) });
      continue;
    }
    for (const [name, field] of Object.entries(extension?.fields ?? {})) {
      const at = { source: rel(file), pointer: `/fields/${name}` };
      if (!name.startsWith(`x_${plugin}_`))
        problems.push({
          ...at,
          rule: tr('a field a plugin adds is named "x_{plugin}_…", not "{field}"', {
            plugin,
            field: name,
          }),
        });
      else if (own(target.entity.fields, name))
        problems.push({
          ...at,
          rule: tr('field "{field}" is already defined on "{entity}"', {
            field: name,
            entity: key,
          }),
        });
      else target.entity.fields[name] = { ...field, module: plugin };
    }
    for (const l of locales) {
      const labelFile = path.join(folder, `labels.${l}.json`);
      if (!existsSync(labelFile)) continue;
      const more = read(labelFile, "labels") as Labels | undefined;
      const labels = target.labels[l];
      if (!more || !labels) continue;
      labels.fields = { ...labels.fields, ...more.fields };
      labels.help = { ...labels.help, ...more.help };
      labels.options = { ...labels.options, ...more.options };
    }
  }
  return problems;
}
