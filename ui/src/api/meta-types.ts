/** The shapes of GET /api/meta as the UI reads them (engine/meta/meta-view.ts). */
import type { Locale } from "../../../engine/i18n/locale.ts";
export type { Locale };

export interface FieldMeta {
  type: string;
  required?: boolean;
  readOnly?: boolean;
  unique?: boolean;
  default?: unknown;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  precision?: number;
  scale?: number;
  options?: string[];
  entity?: string;
  /** Of a reference: target field → field of this record it must equal (the picker narrows by it). */
  filterBy?: Record<string, string>;
}

export interface FieldUi {
  "ui:widget"?: string;
  "ui:options"?: Record<string, unknown>;
  "ui:help"?: string;
  "ui:placeholder"?: string;
  "ui:readonly"?: boolean;
  "ui:hidden"?: boolean;
  "ui:autofocus"?: boolean;
  "ui:colspan"?: number;
}

export interface FormSection {
  key: string;
  columns?: number;
  collapsed?: boolean;
  fields: string[];
}

export type FormLayout = {
  "ui:order"?: string[];
  "ui:sections"?: FormSection[];
} & Record<string, unknown>;

export interface ListLayout {
  columns: { field: string; width?: number }[];
  sort?: string[];
  filters?: string[];
  pageSize?: number;
}

export interface Labels {
  entity?: string;
  plural?: string;
  fields?: Record<string, string>;
  help?: Record<string, string>;
  sections?: Record<string, string>;
  options?: Record<string, Record<string, string>>;
}

export interface EntityView {
  key: string;
  module: string;
  titleField: string;
  search: string[];
  numbering: { field: string; pattern: string } | null;
  /** What this user may do; absent means everything (before permissions existed). */
  actions?: string[];
  fields: Record<string, FieldMeta>;
  form: FormLayout;
  list: ListLayout;
  labels: Record<Locale, Labels>;
}

export interface CompanySettings {
  timezone: string;
  currency: string;
  currencyDecimals: number;
  language: Locale;
}

export interface MetaView {
  version: string;
  company: { slug: string; name: string; settings: CompanySettings };
  /** Company-wide switches; an option left out has its default. */
  options?: { inlineEdit?: boolean };
  modules: {
    key: string;
    icon: string | null;
    labels: Record<Locale, string>;
    menu: { entity: string }[];
  }[];
  entities: Record<string, EntityView>;
}

/** GET /api/meta/field-types: what the query compiler accepts per type. */
export type FieldTypes = Record<
  string,
  { operators: string[]; widget: string; sortable: boolean; refersToRecords: boolean }
>;

/** A record as the data API answers it. */
export type RecordData = Record<string, unknown> & {
  id?: string;
  version?: number;
  _display?: Record<string, string | null>;
};
