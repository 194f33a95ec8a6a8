import type { CompanySettings, EntityView, RecordData } from "../api/meta-types.ts";
import { locale, optionLabel, t } from "../i18n/i18n.ts";
import { toZonedLocal } from "./zoned-time.ts";

const userFields = new Set(["owner", "createdBy", "updatedBy"]);
const instantFields = new Set(["createdAt", "updatedAt"]);

/** A decimal string grouped for reading, keeping every digit (no float rounding). */
export function formatDecimal(value: string, scale: number, currency?: string): string {
  const options: Intl.NumberFormatOptions = {
    minimumFractionDigits: scale,
    maximumFractionDigits: scale,
    ...(currency ? { style: "currency", currency } : {}),
  };
  // Intl formats decimal strings exactly (Intl.NumberFormat v3).
  return new Intl.NumberFormat(locale(), options).format(value as unknown as number);
}

/** How a record's value reads in a list cell or on a detail page. */
export function formatValue(
  entity: EntityView,
  field: string,
  record: RecordData,
  settings: CompanySettings,
): string {
  const value = record[field];
  if (value === null || value === undefined || value === "") return "";
  if (userFields.has(field)) return record._display?.[field] ?? String(value);
  if (instantFields.has(field))
    return toZonedLocal(String(value), settings.timezone).replace("T", " ");
  const meta = entity.fields[field];
  switch (meta?.type) {
    case "enum":
      return optionLabel(entity, field, String(value));
    case "multiEnum":
      return (value as string[]).map((o) => optionLabel(entity, field, o)).join(", ");
    case "boolean":
      return value ? t("common.yes") : t("common.no");
    case "reference":
      return record._display?.[field] ?? String(value);
    case "datetime":
      return toZonedLocal(String(value), settings.timezone).replace("T", " ");
    case "money":
      return formatDecimal(String(value), settings.currencyDecimals, settings.currency);
    case "decimal":
      return formatDecimal(String(value), meta.scale ?? 2);
    case "json":
      return JSON.stringify(value);
    default:
      return String(value);
  }
}
