import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { ModuleSet } from "./module-set.ts";

/** Where each schema records the migrations applied to it. */
export const migrationTable = "sys_migration";

/** A schema migrated by a newer engine than this one: running on it could corrupt it. */
export class MigrationMismatchError extends Error {}

export type MigrationScope = "company" | "platform";

/**
 * Applies, inside the caller's transaction, every migration of `modules` that
 * `schema` has not recorded, module by module in dependency order and step by
 * step in their listed order, recording each with the step. The caller holds
 * the schema's advisory lock, so two processes never migrate it at once; a
 * step that fails rolls back with the transaction, and the next load tries
 * again. Returns the steps applied, as `module/name`.
 *
 * A recorded step of a known module that this engine does not list means a
 * newer engine migrated the schema: refused, rather than run old code on it.
 * Steps of a module no longer installed (a removed plugin) are kept, unused.
 */
export async function applyMigrations(
  tx: Db,
  schema: string,
  modules: ModuleSet,
  scope: MigrationScope,
): Promise<string[]> {
  const table = sql.id(schema, migrationTable);
  const { rows: found } = await sql<{ present: boolean }>`
    select pg_catalog.to_regclass(${`"${schema}"."${migrationTable}"`}) is not null as present`.execute(
    tx,
  );
  if (!found[0]!.present)
    await sql`create table ${table} (
      "module" text not null,
      "name" text not null,
      "applied_at" timestamptz not null default now(),
      primary key ("module", "name")
    )`.execute(tx);
  const { rows } = await sql<{ module: string; name: string }>`
    select "module", "name" from ${table}`.execute(tx);
  const applied = new Set(rows.map((r) => `${r.module}/${r.name}`));
  const steps = (m: (typeof modules.ordered)[number]) =>
    (scope === "company" ? m.companyMigrations : m.platformMigrations) ?? [];
  for (const r of rows) {
    const m = modules.get(r.module);
    if (m && !steps(m).some((s) => s.name === r.name))
      throw new MigrationMismatchError(
        `${schema} has migration "${r.name}" of module "${r.module}", which this engine does not know: a newer version migrated it`,
      );
  }
  const done: string[] = [];
  for (const m of modules.ordered) {
    for (const step of steps(m)) {
      const id = `${m.key}/${step.name}`;
      if (applied.has(id)) continue;
      await step.up(tx, { schema });
      await sql`insert into ${table} ("module", "name") values (${m.key}, ${step.name})`.execute(
        tx,
      );
      done.push(id);
    }
  }
  return done;
}
