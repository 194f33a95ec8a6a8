import { ApiError } from "../http/api-error.ts";
import type { EntityDefinition, Locale } from "../metadata/metadata-types.ts";
import type { FieldMetadata } from "../metadata/types.gen.ts";
import { queryableField } from "../query/queryable-fields.ts";
import { tr, type Text } from "../i18n/text.ts";
import { unknownField } from "../metadata/metadata-texts.ts";

export interface ExportColumn {
  name: string;
  header: string;
  field: FieldMetadata;
  width: number;
}

const systemHeaders: Record<string, Text> = {
  id: tr("ID"),
  owner: tr("Owner"),
  createdBy: tr("Created by"),
  updatedBy: tr("Updated by"),
  createdAt: tr("Created at"),
  updatedAt: tr("Updated at"),
  version: tr("Version"),
};

/** Columns the id is exported as: plain text, not a reference to look up. */
const idField: FieldMetadata = { type: "text" };

/**
 * The columns of an export: those named (`name,city,owner`), as the user's
 * grid shows them, or else the entity's list columns. A field the user cannot
 * see is unknown, as everywhere.
 */
export function exportColumns(
  def: EntityDefinition,
  locale: Locale,
  requested: string | undefined,
): ExportColumn[] {
  const widths = new Map(def.list.columns.map((c) => [c.field, c.width]));
  const names =
    requested === undefined || requested.trim() === ""
      ? def.list.columns.map((c) => c.field).filter((n) => queryableField(def, n))
      : requested.split(",").map((n) => n.trim());
  if (names.length > 200)
    throw ApiError.badRequest(
      tr("columns names {count} columns; at most {max}", { count: names.length, max: 200 }),
    );
  const seen = new Set<string>();
  return names.map((name) => {
    const field = name === "id" ? idField : queryableField(def, name);
    if (!field)
      throw new ApiError(
        400,
        "bad_columns",
        tr("columns: {problem}", { problem: unknownField(name.slice(0, 100)) }),
        { field: name },
      );
    if (seen.has(name))
      throw new ApiError(
        400,
        "bad_columns",
        tr('columns: "{field}" is named twice', { field: name }),
        { field: name },
      );
    seen.add(name);
    const header = def.labels[locale].fields?.[name] ?? systemHeaders[name]?.in(locale) ?? name;
    return { name, header, field, width: Math.round((widths.get(name) ?? 120) / 7) };
  });
}
