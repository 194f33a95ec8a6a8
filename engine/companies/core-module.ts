import { sql } from "kysely";
import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { createSearchFillTable } from "../search-index/search-fill-table.ts";
import { createCompanyRegistry, createCoreTables } from "./core-tables.ts";

/** The tables the engine cannot do without: the company registry, users, sessions and metadata. */
export const coreModule: EngineModule = {
  key: "core",
  label: tr("Core"),
  description: tr("Companies, metadata, records and their schemas."),
  version: "1.0.0",
  permissionActions: [
    { key: "read", label: tr("Read") },
    { key: "create", label: tr("Create") },
    { key: "update", label: tr("Update") },
    { key: "delete", label: tr("Delete") },
    // Their issues build them: kept in roles that grant them, not offered yet.
    { key: "import", label: tr("Import"), offered: false },
    { key: "print", label: tr("Print"), offered: false },
    { key: "batch", label: tr("Batch edit") },
    { key: "batchDelete", label: tr("Batch delete") },
  ],
  companyMigrations: [
    { name: "001-core-tables", up: (tx, t) => createCoreTables(tx, t.schema) },
    { name: "002-search-fill", up: (tx, t) => createSearchFillTable(tx, t.schema) },
    {
      name: "003-meta-version-comment",
      up: async (tx, t) => {
        await sql`alter table ${sql.id(t.schema, "sys_meta_version")} add column if not exists "comment" text`.execute(
          tx,
        );
      },
    },
  ],
  // Search data of rows that existed before their entity's search fields did (sync-search-index.ts).
  platformMigrations: [
    { name: "001-company-registry", up: (tx, t) => createCompanyRegistry(tx, t.schema) },
  ],
};
