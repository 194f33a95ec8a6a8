import type { ColumnType } from "kysely";
import type { CompanyOverlay } from "../../metadata/types.gen.ts";
import type { CompanySettings } from "./company-settings.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import type { CreatedAt, Defaulted, Json, Timestamp } from "../db/system-tables.ts";

/** The rows of the core's tables (core-tables.ts), for typed queries (db/system-tables.ts). */
declare module "../db/system-tables.ts" {
  interface SystemTables {
    sys_user: UserTable;
    sys_session: SessionTable;
    sys_meta_version: MetaVersionTable;
    sys_meta_state: MetaStateTable;
  }
  interface PlatformTables {
    company: CompanyTable;
  }
}

/** A user of a company; modules add their columns (department, manager…) by merging. */
export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: Defaulted<boolean>;
  is_active: Defaulted<boolean>;
  created_at: CreatedAt;
}

export interface SessionTable {
  id: string;
  secret_hash: Uint8Array;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

/** One version of the company's metadata overlay; versions are append-only. */
export interface MetaVersionTable {
  version: number;
  overlay: Json<CompanyOverlay>;
  note: string;
  /** The admin's own words on the change, added afterwards (migration 003). */
  comment: Defaulted<string | null>;
  created_by: string | null;
  created_at: CreatedAt;
}

/** The one row (id 1): the overlay version in force and the last metadata that worked. */
export interface MetaStateTable {
  id: number;
  head: number;
  synced_hash: string | null;
  good_hash: string | null;
  good_metadata: ColumnType<EffectiveMetadata | null, string | undefined, string>;
  error: string | null;
}

/** A company of the registry. */
export interface CompanyTable {
  slug: string;
  schema_name: string;
  name: string;
  settings: Json<CompanySettings>;
  created_at: CreatedAt;
}
