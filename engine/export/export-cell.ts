import type { CompanyContext } from "../companies/company-context.ts";
import type { EntityDefinition, Locale } from "../metadata/metadata-types.ts";
import type { FieldMetadata } from "../../metadata/types.gen.ts";
import type { RecordJson } from "../query/record-json.ts";

/** A cell as a spreadsheet user expects it: real numbers and dates in XLSX, text in CSV. */
export type Cell =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number; text: string; format: string }
  | { kind: "date"; value: Date; text: string; format: string };

const empty: Cell = { kind: "empty" };

/**
 * Text a spreadsheet would run as a formula (or as DDE): one beginning with
 * TAB or CR, or with `= + - @` or their full-width forms (`＝ ＋ － ＠`, which
 * Excel with a Chinese or Japanese input method reads as the ASCII ones,
 * and the small forms `﹦ ﹢ ﹣ ﹫`) after any run of what a user cannot see:
 * spaces, line breaks, NBSP, the ideographic space, zero-width and
 * direction marks, the byte-order mark. A leading apostrophe makes it plain
 * text (OWASP's advice).
 */
const formulaLike =
  /^(?:[\t\r]|[\s\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b])/;
export const neutralise = (text: string) => (formulaLike.test(text) ? `'${text}` : text);

const text = (value: string): Cell => ({ kind: "text", text: neutralise(value) });

const yesNo: Record<Locale, [string, string]> = { "zh-CN": ["是", "否"], en: ["Yes", "No"] };

/**
 * Turns one value of a record into a cell: enum keys become their labels,
 * references their titles, regions their names, money and decimals numbers with their scale,
 * datetimes the wall-clock time in the company's timezone.
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
  if (value === null || value === undefined) return empty;
  const options = def.labels[locale].options?.[name] ?? {};
  switch (field.type) {
    case "enum":
      return text(options[value as string] ?? String(value));
    case "multiEnum":
      return (value as string[]).length === 0
        ? empty
        : text((value as string[]).map((k) => options[k] ?? k).join("; "));
    case "reference":
    case "region": {
      const title = (record._display as Record<string, string>)[name];
      return text(title ?? String(value));
    }
    case "boolean":
      return { kind: "text", text: yesNo[locale][value ? 0 : 1] };
    case "integer":
      return { kind: "number", value: value as number, text: String(value), format: "0" };
    case "decimal":
    case "money": {
      const scale =
        field.type === "money" ? company.fieldContext.currencyDecimals : (field.scale ?? 2);
      const format = scale > 0 ? `#,##0.${"0".repeat(scale)}` : "#,##0";
      return { kind: "number", value: Number(value), text: String(value), format };
    }
    case "date":
      return {
        kind: "date",
        value: new Date(`${value as string}T00:00:00Z`),
        text: value as string,
        format: "yyyy-mm-dd",
      };
    case "datetime":
      return localDateTime(value as string, company.settings.timezone);
    case "json":
      return text(JSON.stringify(value));
    default:
      return text(String(value));
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the company's wall-clock time. Spreadsheet dates have no
 * zone: the cell holds the local time, as a user there would type it.
 */
export function localDateTime(iso: string, timeZone: string): Cell {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of f.formatToParts(new Date(iso))) p[part.type] = part.value;
  const local = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  return {
    kind: "date",
    value: new Date(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`),
    text: local,
    format: "yyyy-mm-dd hh:mm:ss",
  };
}
