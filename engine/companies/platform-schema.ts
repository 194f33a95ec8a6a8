import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import { actAsEngine, createOwnedSchema } from "../db/schema-owner.ts";
import { applyMigrations } from "../modules/apply-migrations.ts";
import type { ModuleSet } from "../modules/module-set.ts";

/**
 * The `platform` schema holds what must work before a company is known (the
 * company registry, the login throttle: modules' platform migrations);
 * everything else lives in each company's schema. With an owner role the owner creates the schema (the
 * engine's role needs no right to create schemas) and the engine its tables.
 */
export async function ensurePlatformSchema(database: Database, modules: ModuleSet): Promise<void> {
  const owner = database.owner;
  await (owner?.db ?? database.db).transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('platform-schema'))`.execute(tx);
    if (owner) {
      const { rows } =
        await sql`select 1 from pg_catalog.pg_namespace where nspname = 'platform'`.execute(tx);
      if (rows.length === 0) await createOwnedSchema(tx, owner, "platform");
      await actAsEngine(tx, owner);
    } else {
      await tx.schema.createSchema("platform").ifNotExists().execute();
    }
    await applyMigrations(tx, "platform", modules, "platform");
  });
}
