import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { auditRoutes } from "./audit-routes.ts";
import { auditTable, createAuditTable, protectAuditTrail } from "./audit-table.ts";
import { historyRoutes } from "./history-routes.ts";

/**
 * With an owner role (DATABASE_OWNER_URL) the trail belongs to the owner,
 * which alone may change it: a trail the engine's role does not own is left
 * to start-up (protectAuditTrails), which brings it up to date as the owner.
 */
async function createOwnTrail(tx: Db, schema: string): Promise<void> {
  const { rows } = await sql<{ foreign: boolean }>`
    select pg_catalog.pg_get_userbyid(c.relowner) <> current_user as foreign
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relname = ${auditTable}`.execute(tx);
  if (rows[0]?.foreign) return;
  await createAuditTable(tx, schema);
}

/** The append-only audit trail and its admin screens. */
export const auditModule: EngineModule = {
  key: "audit",
  label: tr("Audit trail"),
  description: tr("An append-only log of who did what and when."),
  version: "1.0.0",
  dependsOn: ["core"],
  companyMigrations: [{ name: "001-audit-trail", up: (tx, t) => createOwnTrail(tx, t.schema) }],
  ownCompanyTables: protectAuditTrail,
  routes: [{ prefix: "/api/admin/audit", register: auditRoutes }],
  recordRoutes: historyRoutes,
};
