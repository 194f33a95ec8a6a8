import { AuditRecordTrail } from "../audit/audit-record-trail.ts";
import { unscopedActor } from "../companies/actor.ts";
import type { CoreDeps } from "../companies/core-deps.ts";
import { createCompany } from "../companies/create-company.ts";
import { defaultCompanySettings } from "../companies/company-settings.ts";
import type { RecordDeps } from "../records/record-deps.ts";
import { RecordService } from "../records/record-service.ts";
import { demoRecords } from "./demo-data.ts";
import { systemTables } from "../db/system-tables.ts";
import { tableAnalyzer } from "../db/table-analyzer.ts";

export const demoLogin = {
  company: "demo",
  username: "admin",
  password: "demo-admin-2026",
} as const;

/**
 * Creates the `demo` company with realistic records on first start. Records
 * go through the same validated path as API writes, so the demo can never
 * hold data the API would refuse; `recordDeps` carries the modules' part in
 * them (numbers, hooks), given by the composition root.
 */
export async function seedDemo(deps: CoreDeps, recordDeps: RecordDeps): Promise<boolean> {
  if (await deps.companies.find(demoLogin.company)) return false;
  await createCompany(
    deps.database,
    deps.base,
    deps.modules,
    {
      slug: demoLogin.company,
      name: "演示公司 Demo Trading Co.",
      settings: defaultCompanySettings,
      admin: { username: demoLogin.username, password: demoLogin.password, displayName: "管理员" },
    },
    deps.newId,
  );
  const company = await deps.companies.get((await deps.companies.find(demoLogin.company))!);
  const admin = await systemTables(deps.database.db, company.schema)
    .selectFrom("sys_user")
    .select("id")
    .where("username", "=", demoLogin.username)
    .executeTakeFirstOrThrow();
  for (const { entity, records } of demoRecords(deps.newId)) {
    const service = new RecordService(
      recordDeps,
      company,
      entity,
      unscopedActor(admin.id),
      AuditRecordTrail.engine({ id: admin.id, username: demoLogin.username }),
    );
    for (const { id, ...body } of records) {
      await service.create(body, id as string);
    }
    // In the background: the engine serves meanwhile, and the embedded database has no autovacuum.
    tableAnalyzer(deps.database.db).request({ schema: company.schema, table: entity });
  }
  return true;
}
