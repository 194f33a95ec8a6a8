import { createAjv } from "../fields/create-ajv.ts";
import { commonFieldProperties, getFieldType } from "../fields/registry.ts";
import { enumField } from "../fields/enum.field.ts";
import { textField } from "../fields/text.field.ts";
import { checkNumberPattern } from "./check-number-pattern.ts";
import { pointer, type MetadataProblem } from "./metadata-error.ts";
import {
  isSystemField,
  locales,
  userEntity,
  type EntityDefinition,
  type EntityPart,
} from "./metadata-types.ts";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import { own } from "./own-key.ts";
import { reservedEntityKey, reservedFieldKey } from "./reserved-keys.ts";
import { AjvText } from "../i18n/ajv-text.ts";
import { tr, type Text } from "../i18n/text.ts";
import { unknownEntity, unknownField } from "./metadata-texts.ts";

/** Maps a place in an entity part to where it came from (a base file, an overlay version). */
export type Locate = (part: EntityPart, pointer: string) => { source: string; pointer: string };

/**
 * Rules a meta-schema cannot express: field types exist and take only their
 * own properties, every key a layout or label names exists, references point
 * at entities that exist.
 */
export function checkEntity(
  key: string,
  def: EntityDefinition,
  entityKeys: ReadonlySet<string>,
  locate: Locate,
): MetadataProblem[] {
  const problems: MetadataProblem[] = [];
  const report = (part: EntityPart, ptr: string, rule: Text) =>
    problems.push({ ...locate(part, ptr), rule });
  const { entity, form, list, labels } = def;
  const fields = entity.fields;
  const has = (f: string) => Object.hasOwn(fields, f);
  const hasOrSystem = (f: string) => has(f) || isSystemField(f);

  if (entity.key !== key)
    report(
      "entity",
      "/key",
      tr('key "{key}" differs from its folder "{folder}"', { key: entity.key, folder: key }),
    );
  const reserved = reservedEntityKey(key);
  if (reserved) report("entity", "/key", reserved);

  for (const [name, field] of Object.entries(fields)) {
    for (const p of checkField(name, field, entityKeys))
      report("entity", pointer("fields", name, ...p.path), p.rule);
  }
  if (!has(entity.titleField)) report("entity", "/titleField", unknownField(entity.titleField));
  else if (fields[entity.titleField]!.hidden)
    report(
      "entity",
      pointer("fields", entity.titleField, "hidden"),
      tr('the title field "{field}" cannot be hidden', { field: entity.titleField }),
    );
  entity.search?.forEach((f, i) => {
    if (!has(f)) report("entity", pointer("search", i), unknownField(f));
    else if (getFieldType(fields[f]!.type)?.searchable !== true)
      report(
        "entity",
        pointer("search", i),
        tr('field "{field}" is not text and cannot be searched', { field: f }),
      );
  });
  entity.duplicateCheck?.fields.forEach((f, i) => {
    if (!has(f)) report("entity", pointer("duplicateCheck", "fields", i), unknownField(f));
    else if (!getFieldType(fields[f]!.type)?.duplicateKey)
      report(
        "entity",
        pointer("duplicateCheck", "fields", i),
        tr('field "{field}" cannot identify a duplicate: only text, phone and e-mail fields can', {
          field: f,
        }),
      );
  });
  entity.indexes?.forEach((index, i) =>
    index.forEach((sortKey, j) => {
      const f = sortKey.replace(/^-/, "");
      if (!hasOrSystem(f)) report("entity", pointer("indexes", i, j), unknownField(f));
    }),
  );
  if (entity.numbering) {
    const f = entity.numbering.field;
    if (!has(f)) report("entity", "/numbering/field", unknownField(f));
    else if (fields[f]!.type !== textField.name)
      report(
        "entity",
        "/numbering/field",
        tr('numbered field "{field}" must be of type text', { field: f }),
      );
    const { prefixes } = entity.numbering;
    const rule = checkNumberPattern(
      entity.numbering.pattern,
      own(fields, f)?.maxLength,
      prefixes && Object.values(prefixes.values),
    );
    if (rule) report("entity", "/numbering/pattern", rule);
    if (prefixes) {
      const by = own(fields, prefixes.field);
      if (!by) report("entity", "/numbering/prefixes/field", unknownField(prefixes.field));
      else if (by.type !== enumField.name)
        report(
          "entity",
          "/numbering/prefixes/field",
          tr('prefixes follow a choice field; "{field}" is not one', { field: prefixes.field }),
        );
      else
        for (const option of Object.keys(prefixes.values))
          if (!by.options?.includes(option))
            report(
              "entity",
              pointer("numbering", "prefixes", "values", option),
              tr('"{option}" is not an option of field "{field}"', {
                option,
                field: prefixes.field,
              }),
            );
    }
    if (entity.numbering.automatic === false && has(f) && !fields[f]!.unique)
      report(
        "entity",
        "/numbering/automatic",
        tr('numbers typed by users need the numbered field "{field}" to be unique', { field: f }),
      );
  }

  form["ui:order"]?.forEach((f, i) => {
    if (f !== "*" && !has(f)) report("form", pointer("ui:order", i), unknownField(f));
  });
  form["ui:sections"]?.forEach((section, i) =>
    section.fields.forEach((f, j) => {
      if (!has(f)) report("form", pointer("ui:sections", i, "fields", j), unknownField(f));
    }),
  );
  for (const f of Object.keys(form).filter((k) => !k.startsWith("ui:") && k !== "$schema")) {
    if (!has(f)) report("form", pointer(f), unknownField(f));
  }

  list.columns.forEach((c, i) => {
    if (!hasOrSystem(c.field))
      report("list", pointer("columns", i, "field"), unknownField(c.field));
  });
  list.sort?.forEach((s, i) => {
    const f = s.replace(/^-/, "");
    if (!hasOrSystem(f)) report("list", pointer("sort", i), unknownField(f));
  });
  list.filters?.forEach((f, i) => {
    if (!hasOrSystem(f)) report("list", pointer("filters", i), unknownField(f));
  });

  for (const locale of locales) {
    const l = labels[locale];
    const part = `labels.${locale}` as const;
    for (const f of Object.keys(l.fields ?? {})) {
      if (!hasOrSystem(f))
        report(part, pointer("fields", f), tr('label for unknown field "{field}"', { field: f }));
    }
    for (const [f, options] of Object.entries(l.options ?? {})) {
      const known = own(fields, f)?.options;
      if (!known) {
        report(
          part,
          pointer("options", f),
          tr('option labels for "{field}", which has no options', { field: f }),
        );
        continue;
      }
      for (const o of Object.keys(options)) {
        if (!known.includes(o))
          report(
            part,
            pointer("options", f, o),
            tr('label for unknown option "{option}"', { option: o }),
          );
      }
    }
  }
  return problems;
}

/** Problems of one field definition, with paths relative to the field. */
export function checkField(
  name: string,
  field: FieldMetadata,
  entityKeys: ReadonlySet<string>,
): { path: string[]; rule: Text }[] {
  const reserved = reservedFieldKey(name);
  if (reserved) return [{ path: [], rule: reserved }];
  const type = getFieldType(field.type);
  if (!type)
    return [{ path: ["type"], rule: tr('unknown field type "{type}"', { type: field.type }) }];
  const problems: { path: string[]; rule: Text }[] = [];
  const allowed = new Set<string>([...commonFieldProperties, ...type.properties]);
  for (const prop of Object.keys(field)) {
    if (!allowed.has(prop))
      problems.push({
        path: [prop],
        rule: tr('property "{property}" does not apply to a {type} field', {
          property: prop,
          type: type.name,
        }),
      });
  }
  if (field.indexed && !type.sortable)
    problems.push({
      path: ["indexed"],
      rule: tr("a {type} field cannot be sorted, so it is not indexed for sorting", {
        type: type.name,
      }),
    });
  for (const [prop, rule] of Object.entries(type.check?.(field) ?? {}))
    problems.push({ path: [prop], rule });
  if (
    field.entity !== undefined &&
    field.entity !== userEntity.key &&
    !entityKeys.has(field.entity)
  ) {
    problems.push({ path: ["entity"], rule: unknownEntity(field.entity) });
  }
  if (field.default !== undefined && problems.length === 0) {
    const rule = checkDefault(field);
    if (rule) problems.push({ path: ["default"], rule });
  }
  return problems;
}

/** Money's scale belongs to the company, so a default is checked against the widest one. */
const widestContext = { currencyDecimals: 4 };
const defaultChecker = createAjv();

/** A default the API would refuse would make every create fail: refuse it in the metadata instead. */
function checkDefault(field: FieldMetadata): Text | undefined {
  const type = getFieldType(field.type)!;
  const validate = defaultChecker.compile(type.jsonSchema(field, widestContext));
  if (field.default === null) return tr("a default cannot be null; leave it out instead");
  if (!validate(field.default))
    return tr("default {value}: {problem}", {
      value: JSON.stringify(field.default),
      problem: validate.errors?.[0] ? new AjvText(validate.errors[0]) : tr("is not a valid value"),
    });
  return type.checkValue?.(field.default, field, widestContext);
}
