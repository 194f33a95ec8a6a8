import type {
  CompanyInfo,
  CompanyOptions,
  EntityMetadata,
  FormLayout,
  Labels,
  ListLayout,
  ModulesMetadata,
} from "../../metadata/types.gen.ts";

import { locales, type Locale } from "../../metadata/locale.ts";

export { locales, type Locale };

/** Everything about one entity: the five files of its folder. */
export interface EntityDefinition {
  entity: EntityMetadata;
  form: FormLayout;
  list: ListLayout;
  labels: Record<Locale, Labels>;
}

/** Base metadata (metadata/ plus plugins) or a company's effective metadata. */
export interface MetadataSet {
  entities: Record<string, EntityDefinition>;
  modules: ModulesMetadata;
  labels: Record<Locale, Labels>;
  /** Company-wide switches (metadata/options.json, then the company's overlay). */
  options: CompanyOptions;
  /** Engine modules the company switched off (false) or on; absent when it switched none. */
  moduleSwitches?: Record<string, boolean>;
  /** The company's details for its documents, when its admin set some. */
  companyInfo?: CompanyInfo;
}

export interface BaseMetadata extends MetadataSet {
  /** Where each entity part was read from, for error messages. */
  sources: Record<string, Record<EntityPart, string>>;
  hash: string;
}

export interface EffectiveMetadata extends MetadataSet {
  baseHash: string;
  overlayVersion: number;
  /** Hash of the effective metadata: the company's metadata version (X-Meta-Version). */
  hash: string;
}

export type EntityPart = "entity" | "form" | "list" | `labels.${Locale}`;

/**
 * Fields every record has, managed by the engine: never in metadata, never
 * written through the API.
 */
export const systemFields = [
  "id",
  "version",
  "owner",
  "createdBy",
  "updatedBy",
  "createdAt",
  "updatedAt",
] as const;
export type SystemField = (typeof systemFields)[number];
export const isSystemField = (key: string): key is SystemField =>
  (systemFields as readonly string[]).includes(key);

/** The built-in user entity that `owner` and reference fields may target. */
export const userEntity = { key: "user", table: "sys_user", titleColumn: "display_name" } as const;
