import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { Timestamp } from "../db/system-tables.ts";

/**
 * A company's logo images, by the SHA-256 of their bytes. Kept apart from the
 * overlay, which names the logo in force by its hash: an image does not
 * weigh on every later overlay version, and a rollback finds its logo again.
 */
export const companyLogoTable = "sys_company_logo";

/** Where the logo `hash` is served, with its content type (admin/company-routes.ts). */
export const companyLogoUrl = (hash: string) => `/api/company/logo/${hash}`;

export async function createCompanyLogoTable(tx: Db, schema: string): Promise<void> {
  await sql`create table if not exists ${sql.id(schema, companyLogoTable)} (
    "hash" text primary key,
    "content_type" text not null,
    "bytes" bytea not null,
    "created_at" timestamptz not null
  )`.execute(tx);
}

declare module "../db/system-tables.ts" {
  interface SystemTables {
    [companyLogoTable]: CompanyLogoTable;
  }
}

export interface CompanyLogoTable {
  hash: string;
  content_type: string;
  bytes: Uint8Array;
  created_at: Timestamp;
}
