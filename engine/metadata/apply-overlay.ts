import { checkEntity, type Locate } from "./check-entity.ts";
import { checkFilterBy } from "./check-filter-by.ts";
import { hashJson } from "./hash-json.ts";
import { MetadataInvalidError, pointer } from "./metadata-error.ts";
import {
  locales,
  type BaseMetadata,
  type EffectiveMetadata,
  type EntityDefinition,
  type Locale,
} from "./metadata-types.ts";
import { metaSchemas } from "./meta-schemas.ts";
import type {
  CompanyOverlay,
  EntityMetadata,
  EntityOverlay,
  FieldMetadata,
  Labels,
  ModulesMetadata,
} from "../../metadata/types.gen.ts";
import { customEntityBase } from "./custom-entity.ts";
import { own } from "./own-key.ts";
import { storageProperties } from "./storage-changes.ts";
import { tr, type Text } from "../i18n/text.ts";
import { unknownEntity } from "./metadata-texts.ts";

/**
 * Base + a company overlay → effective metadata (design brief §9). Fields
 * merge property by property, labels key by key; form and list layouts
 * replace the base layout whole. Problems are reported against the overlay
 * version where the overlay caused them.
 */
export function applyOverlay(
  base: BaseMetadata,
  overlay: unknown,
  version: number,
): EffectiveMetadata {
  const source = `overlay version ${version}`;
  const problems = metaSchemas.check("overlay", overlay, source);
  if (problems.length > 0) throw new MetadataInvalidError(problems);
  const o = overlay as CompanyOverlay;

  const entities: Record<string, EntityDefinition> = { ...base.entities };
  // The company's own entities join the base ones, so that references between them all resolve.
  const customs = new Map<string, EntityDefinition>();
  for (const [key, custom] of Object.entries(o.customEntities ?? {})) {
    if (own(base.entities, key))
      problems.push({
        source,
        pointer: pointer("customEntities", key),
        rule: tr('entity key "{key}" is taken by the base metadata', { key }),
      });
    else if (!custom.archived) {
      const def = customEntityBase(key, custom, o.entities?.[key]?.fields);
      customs.set(key, def);
      // Records are found and picked by their title: it must be text that search reads.
      const titled =
        own(custom.fields, custom.titleField) ?? own(o.entities?.[key]?.fields, custom.titleField);
      if (!def.entity.search && titled)
        problems.push({
          source,
          pointer: pointer("customEntities", key, "titleField"),
          rule: tr('the title field "{field}" must be a text field', { field: custom.titleField }),
        });
    }
  }
  const keys = new Set([...Object.keys(base.entities), ...customs.keys()]);
  const starts = (key: string) => own(base.entities, key) ?? customs.get(key);
  for (const key of keys) {
    if (!o.entities?.[key] && !customs.has(key)) continue;
    const eo = o.entities?.[key] ?? {};
    const merged = mergeEntity(
      starts(key)!,
      eo,
      (ptr, rule) => problems.push({ source, pointer: pointer("entities", key) + ptr, rule }),
      customs.has(key),
    );
    entities[key] = merged;
    problems.push(...checkEntity(key, merged, keys, locator(base, key, eo, source)));
  }
  for (const key of Object.keys(o.entities ?? {})) {
    // An archived entity's layout and labels wait in the overlay for it to come back.
    if (!keys.has(key) && !o.customEntities?.[key])
      problems.push({ source, pointer: pointer("entities", key), rule: unknownEntity(key) });
  }
  const modules = withCustomMenus(base.modules, customs, (key, rule) =>
    problems.push({ source, pointer: pointer("customEntities", key, "module"), rule }),
  );
  // Across entities, once each is sound on its own: a base reference may follow a field the overlay hid.
  if (problems.length === 0) {
    for (const key of keys)
      problems.push(
        ...checkFilterBy(entities, key, locator(base, key, o.entities?.[key] ?? {}, source)),
      );
  }
  if (problems.length > 0) throw new MetadataInvalidError(problems);

  const labels = Object.fromEntries(
    locales.map((l) => [l, mergeLabels(base.labels[l], o.labels?.[l])]),
  ) as Record<Locale, Labels>;
  const { $schema: _schema, ...changed } = o.options ?? {};
  const switches = o.moduleSwitches ?? {};
  const set = {
    entities,
    modules,
    labels,
    options: { ...base.options, ...changed },
    // Only when some are set: companies that switch nothing keep their metadata version.
    ...(Object.keys(switches).length > 0 ? { moduleSwitches: switches } : {}),
    ...(o.companyInfo && Object.keys(o.companyInfo).length > 0
      ? { companyInfo: o.companyInfo }
      : {}),
  };
  return { ...set, baseHash: base.hash, overlayVersion: version, hash: hashJson(set) };
}

/** Where a problem of an effective entity comes from: the overlay when it set that part, else the base file. */
function locator(base: BaseMetadata, key: string, eo: EntityOverlay, source: string): Locate {
  return (part, ptr) => {
    const fromOverlay =
      (part === "form" && eo.form) ||
      (part === "list" && eo.list) ||
      (part === "entity" &&
        /^\/fields\/([^/]+)/.test(ptr) &&
        Object.hasOwn(eo.fields ?? {}, ptr.split("/")[2]!)) ||
      (part === "entity" && ptr.startsWith("/search") && eo.search) ||
      (part === "entity" && ptr.startsWith("/duplicateCheck") && eo.duplicateCheck) ||
      (part === "entity" && ptr.startsWith("/numbering") && eo.numbering) ||
      (part.startsWith("labels.") && eo.labels?.[part.slice(7) as Locale]);
    return fromOverlay
      ? {
          source,
          pointer:
            pointer("entities", key) +
            (part.startsWith("labels.")
              ? pointer("labels", part.slice(7))
              : part === "entity"
                ? ""
                : pointer(part)) +
            ptr,
        }
      : base.sources[key]
        ? { source: base.sources[key][part], pointer: ptr }
        : // What the overlay did not set of a company's own entity comes from its definition.
          { source, pointer: pointer("customEntities", key) + (part === "entity" ? ptr : "") };
  };
}

/** The base modules with each of the company's own entities at the end of its module's menu. */
function withCustomMenus(
  base: ModulesMetadata,
  customs: ReadonlyMap<string, EntityDefinition>,
  report: (key: string, rule: Text) => void,
): ModulesMetadata {
  if (customs.size === 0) return base;
  const modules = base.modules.map((m) => ({ ...m, menu: [...m.menu] }));
  for (const [key, def] of customs) {
    const module = modules.find((m) => m.key === def.entity.module);
    if (module) module.menu.push({ entity: key });
    else report(key, tr("unknown module {module}", { module: JSON.stringify(def.entity.module) }));
  }
  return { ...base, modules };
}

function mergeEntity(
  base: EntityDefinition,
  eo: EntityOverlay,
  report: (ptr: string, rule: Text) => void,
  companysOwn: boolean,
): EntityDefinition {
  const fields: Record<string, FieldMetadata> = { ...base.entity.fields };
  for (const [name, patch] of Object.entries(eo.fields ?? {})) {
    const baseField = own(base.entity.fields, name);
    // The fields a company's own entity was made with are its own: they change as its x_ fields do.
    if (baseField && companysOwn) fields[name] = { ...baseField, ...patch };
    else if (baseField) {
      for (const prop of storageProperties) {
        if (patch[prop] !== undefined && patch[prop] !== baseField[prop]) {
          report(
            pointer("fields", name, prop),
            tr('"{property}" of base field "{field}" cannot be changed', {
              property: prop,
              field: name,
            }),
          );
        }
      }
      const lost =
        baseField.options?.filter((opt) => patch.options && !patch.options.includes(opt)) ?? [];
      if (lost.length > 0)
        report(
          pointer("fields", name, "options"),
          tr('options of base field "{field}" cannot be removed: {options}', {
            field: name,
            options: lost.join(", "),
          }),
        );
      fields[name] = { ...baseField, ...patch };
    } else if (!name.startsWith("x_")) {
      report(
        pointer("fields", name),
        tr(
          'field "{field}" is not in the base metadata; a company\'s own field needs a key starting with x_',
          { field: name },
        ),
      );
    } else if (patch.type === undefined) {
      report(
        pointer("fields", name, "type"),
        tr('new field "{field}" needs a type', { field: name }),
      );
    } else {
      fields[name] = patch as FieldMetadata;
    }
  }
  const numbering = mergeNumbering(base, eo, fields, report);
  return {
    entity: {
      ...base.entity,
      fields,
      ...(eo.search ? { search: eo.search } : {}),
      ...(eo.duplicateCheck ? { duplicateCheck: eo.duplicateCheck } : {}),
      ...(numbering ? { numbering } : {}),
    },
    form: eo.form ?? base.form,
    list: eo.list ?? base.list,
    labels: Object.fromEntries(
      locales.map((l) => [l, mergeLabels(base.labels[l], eo.labels?.[l])]),
    ) as Record<Locale, Labels>,
  };
}

/**
 * The overlay's numbering replaces the base's whole, on the base's field. With
 * automatic numbering off the users type the number: the field becomes
 * writable and required (its base `readOnly` was the numbering's doing).
 */
function mergeNumbering(
  base: EntityDefinition,
  eo: EntityOverlay,
  fields: Record<string, FieldMetadata>,
  report: (ptr: string, rule: Text) => void,
): EntityMetadata["numbering"] {
  const before = base.entity.numbering;
  if (!eo.numbering) return before;
  if (!before) {
    report(
      pointer("numbering"),
      tr('entity "{entity}" has no document numbers to change', { entity: base.entity.key }),
    );
    return undefined;
  }
  const numbering = { field: before.field, ...eo.numbering };
  const field = fields[before.field];
  if (numbering.automatic === false && field)
    fields[before.field] = { ...field, readOnly: false, required: true };
  return numbering;
}

type TextMap = Record<string, string>;

function mergeLabels(base: Labels, patch: Labels | undefined): Labels {
  if (!patch) return base;
  const maps = ["fields", "help", "placeholders", "sections", "modules"] as const;
  const merged: Labels = { ...base, ...patch };
  for (const m of maps) {
    if (base[m] || patch[m]) merged[m] = { ...(base[m] as TextMap), ...(patch[m] as TextMap) };
  }
  if (base.options || patch.options) {
    const options: Record<string, TextMap> = { ...(base.options as Record<string, TextMap>) };
    for (const [f, o] of Object.entries(patch.options ?? {}))
      options[f] = { ...options[f], ...(o as TextMap) };
    merged.options = options;
  }
  return merged;
}
