import type { CompanyContext } from "../companies/company-context.ts";
import { getFieldType } from "../fields/registry.ts";
import { emptyCell, textCell, type Cell } from "../fields/spreadsheet-cell.ts";
import type { EntityDefinition, Locale } from "../metadata/metadata-types.ts";
import type { FieldMetadata } from "../metadata/types.gen.ts";
import type { RecordJson } from "../query/record-json.ts";
import { tr } from "../i18n/text.ts";

const yes = tr("Yes");
const no = tr("No");

/**
 * Turns one value of a record into a cell as its field type writes it (enum
 * keys become their labels, references their titles, datetimes the company's
 * wall-clock time); a type without its own cell gives the value's text.
 */
export function exportCell(
  company: CompanyContext,
  def: EntityDefinition,
  locale: Locale,
  name: string,
  field: FieldMetadata,
  record: RecordJson,
): Cell {
  const value = record[name];
  if (value === null || value === undefined) return emptyCell;
  const toCell = getFieldType(field.type)?.toCell;
  if (!toCell) return textCell(String(value));
  const options = def.labels[locale].options?.[name] ?? {};
  return toCell(value, field, {
    ctx: company.fieldContext,
    timezone: company.settings.timezone,
    optionLabel: (key) => options[key] ?? key,
    display: (record._display as Record<string, string> | undefined)?.[name],
    yesNo: [yes.in(locale), no.in(locale)],
  });
}
