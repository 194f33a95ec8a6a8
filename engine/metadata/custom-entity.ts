import { getFieldType, refersToRecords } from "../fields/registry.ts";
import { locales, type EntityDefinition, type Locale } from "./metadata-types.ts";
import type { CustomEntity, FieldPatch, Labels, ListLayout } from "../../metadata/types.gen.ts";
import { own } from "./own-key.ts";

/** Columns a custom entity's default list shows, the title first: enough to tell records apart. */
const defaultColumns = 6;

/**
 * The definition a company's own entity starts from, before its overlay
 * (`entities.<key>`) applies like any base entity's: its fields, searched by
 * its title, a form of every field in their order, and a list of its first
 * fields, newest first, filtered by its choices and links. A form or list
 * the admin designs replaces these; until then a field added later shows in
 * both by itself.
 */
export function customEntityBase(
  key: string,
  custom: CustomEntity,
  later: Readonly<Record<string, FieldPatch>> = {},
): EntityDefinition {
  const fields = custom.fields;
  // The title may be a field added later: its type decides the search as well.
  const title = own(fields, custom.titleField) ?? own(later, custom.titleField);
  const shown = Object.keys(fields).filter((f) => !fields[f]!.hidden);
  // An unknown title is the definition's own problem; the default list does not repeat it.
  const first = title && !title.hidden ? [custom.titleField] : [];
  const columns = [...first, ...shown.filter((f) => f !== custom.titleField)]
    .slice(0, defaultColumns)
    .map((field) => ({ field }));
  const filters = shown.filter((f) => fields[f]!.options || refersToRecords(fields[f]!));
  const list: ListLayout = {
    columns,
    sort: ["-createdAt"],
    ...(filters.length > 0 ? { filters } : {}),
    pageSize: 50,
  };
  return {
    entity: {
      key,
      module: custom.module,
      titleField: custom.titleField,
      fields,
      ...(getFieldType(title?.type ?? "")?.searchable ? { search: [custom.titleField] } : {}),
    },
    form: {},
    list,
    labels: Object.fromEntries(locales.map((l) => [l, {}])) as Record<Locale, Labels>,
  };
}
