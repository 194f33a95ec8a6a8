import type { CompanySettings, EntityView, RecordData } from "../api/meta-types.ts";
import { uiFieldType } from "../fields/type-registry.ts";
import { formatInstant } from "./format-value.ts";

const userFields = new Set(["owner", "createdBy", "updatedBy"]);
const instantFields = new Set(["createdAt", "updatedAt"]);

/** How a record's value reads in a list cell or on a detail page, as its field type formats it. */
export function formatValue(
  entity: EntityView,
  field: string,
  record: RecordData,
  settings: CompanySettings,
): string {
  const value = record[field];
  if (value === null || value === undefined || value === "") return "";
  if (userFields.has(field)) return record._display?.[field] ?? String(value);
  if (instantFields.has(field)) return formatInstant(String(value), settings.timezone);
  const meta = entity.fields[field];
  const format = uiFieldType(meta?.type).format;
  return meta && format ? format(value, { entity, field, meta, record, settings }) : String(value);
}
