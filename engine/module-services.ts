import type { Context } from "hono";
import { AuditRecordTrail } from "./audit/audit-record-trail.ts";
import { dropShares } from "./access/drop-shares.ts";
import { userCredentials } from "./auth/user-credentials.ts";
import { defaultExportLimits } from "./db/export-limits.ts";
import type { EngineDeps } from "./engine-deps.ts";
import { ExportSlots } from "./export/export-slots.ts";
import type { AppEnv } from "./http/app-env.ts";
import type { ModuleDeps } from "./modules/engine-module.ts";
import { assignNumber } from "./numbering/assign-number.ts";
import { departmentTable } from "./org/org-tables.ts";
import { HookSet } from "./records/record-hooks.ts";
import type { RecordDeps } from "./records/record-deps.ts";
import type { CoreDeps } from "./companies/core-deps.ts";

/**
 * What modules offer each other (declared on `ModuleDeps` by the module that
 * offers it), built once per app: the composition root is the one place that
 * knows which module provides what, and the compiler checks nothing is missing.
 */
export function withServices(deps: EngineDeps): ModuleDeps {
  return {
    ...deps,
    exportSlots: new ExportSlots({ ...defaultExportLimits, ...deps.exportLimits }),
    credentials: userCredentials(deps),
    departmentTable,
    records: {
      ...recordDeps(deps),
      trail: (c: Context<AppEnv>) => AuditRecordTrail.of(c, deps.trustProxy),
    },
  };
}

/** What the record service needs, with the modules that number, drop shares and hook into writes. */
export function recordDeps(deps: CoreDeps & Pick<ModuleDeps, "effects" | "jobs">): RecordDeps {
  return {
    db: deps.database.db,
    now: deps.now,
    newId: deps.newId,
    assignOnCreate: assignNumber,
    recordsDeleted: dropShares,
    hooks: new HookSet(deps.modules, { now: deps.now, effects: deps.effects, jobs: deps.jobs }),
  };
}
