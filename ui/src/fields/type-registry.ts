import { fieldTypes } from "../api/meta-store.ts";
import type { CompanySettings, EntityView, FieldMetadata } from "../../../metadata/types.gen.ts";
import type { RecordData } from "../api/meta-types.ts";
import { optionLabel, t } from "../i18n/i18n.ts";
import { formatDecimal, formatInstant, formatMoney } from "../format/format-value.ts";

/** What formatting one value may need besides the value. */
export interface FormatContext {
  readonly entity: EntityView;
  readonly field: string;
  readonly meta: FieldMetadata;
  readonly record: RecordData;
  readonly settings: CompanySettings;
}

/** An input for a filter value: a field definition to type it with and, optionally, its widget. */
export interface FilterInput {
  readonly meta: FieldMetadata;
  readonly widget?: string;
}

/**
 * What the UI does per field type beyond what the server declares in
 * /api/meta/field-types (operators, default widget, sortable, references).
 * This file is the only one in ui/src that names field types: a new type is
 * one entry here, and none when its defaults fit.
 */
export interface UiFieldType {
  /** How a non-empty value reads in a list cell or on a detail page (default: its text). */
  format?(value: unknown, cx: FormatContext): string;
  /** Figures: right-aligned in tables so that digits line up. */
  readonly numeric?: boolean;
  /** Free-form data that no list column, cell editor or filter row can show. */
  readonly unlisted?: boolean;
  /** Its own input where its default widget's name is shared with another type. */
  readonly widget?: string;
  /** The input of a filter value; `many` for in/nin (default: the field's own input, optional). */
  filterInput?(field: FieldMetadata, many: boolean): FilterInput;
  /** A filter value from its input as the list API takes it (default: unchanged). */
  filterValue?(value: unknown): unknown;
}

const displayed = (value: unknown, cx: FormatContext) =>
  cx.record._display?.[cx.field] ?? String(value);

// A filter may look for records holding a retired option: every option is offered.
const optionsFilter = (
  { retiredOptions: _retired, ...field }: FieldMetadata,
  many: boolean,
): FilterInput => ({
  meta: { ...field, required: true },
  widget: many ? "multiSelect" : "select",
});

const uiFieldTypes: Record<string, UiFieldType> = {
  integer: { numeric: true, widget: "integer" },
  decimal: {
    numeric: true,
    format: (v, cx) => formatDecimal(String(v), cx.meta.scale ?? 2),
  },
  money: {
    numeric: true,
    format: (v, cx) => formatMoney(String(v), cx.settings),
  },
  boolean: {
    format: (v) => (v ? t("common.yes") : t("common.no")),
    filterInput: () => ({ meta: { type: "enum", options: ["true", "false"] }, widget: "select" }),
    filterValue: (v) => v === "true",
  },
  // A filter on an instant names whole days, which the server reads in the company's timezone.
  datetime: {
    format: (v, cx) => formatInstant(String(v), cx.settings.timezone),
    filterInput: () => ({ meta: { type: "date" }, widget: "date" }),
  },
  enum: {
    format: (v, cx) => optionLabel(cx.entity, cx.field, String(v)),
    filterInput: optionsFilter,
  },
  multiEnum: {
    format: (v, cx) => (v as string[]).map((o) => optionLabel(cx.entity, cx.field, o)).join(", "),
    filterInput: optionsFilter,
  },
  reference: { format: displayed },
  region: { format: displayed },
  json: { unlisted: true, format: (v) => JSON.stringify(v) },
};

/** The UI's part of a field type; an unknown type has every default. */
export const uiFieldType = (type: string | undefined): UiFieldType =>
  (type !== undefined && Object.hasOwn(uiFieldTypes, type) ? uiFieldTypes[type] : undefined) ?? {};

/** A field holding an instant, as system fields such as `createdAt` are. */
export const instantField: FieldMetadata = { type: "datetime" };

/**
 * The input of a filter value. Without one of its type's own, in/nin on
 * anything but a reference (whose picker takes several) is typed as text.
 */
export function filterInput(field: FieldMetadata, many: boolean): FilterInput {
  const own = uiFieldType(field.type).filterInput;
  if (own) return own(field, many);
  if (many && fieldTypes()[field.type]?.refersToRecords !== true)
    return { meta: { type: "text" }, widget: "text" };
  return { meta: { ...field, required: false } };
}
