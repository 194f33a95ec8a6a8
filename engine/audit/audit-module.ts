import type { EngineModule } from "../modules/engine-module.ts";
import { createAuditTable } from "./audit-table.ts";

/** The append-only audit trail and its admin screens. */
export const auditModule: EngineModule = {
  key: "audit",
  version: "1.0.0",
  dependsOn: ["core"],
  // One idempotent step: with an owner role (DATABASE_OWNER_URL) the trail belongs to the
  // owner, which alone may change it, so every later part of it is added at start-up by
  // protectAuditTrails as the owner, never here as the engine.
  companyMigrations: [{ name: "001-audit-trail", up: (tx, t) => createAuditTable(tx, t.schema) }],
};
