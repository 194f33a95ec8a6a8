import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import { actAsEngine, createOwnedSchema } from "../db/schema-owner.ts";
import { hashPassword } from "./password.ts";
import type { BaseMetadata } from "../metadata/metadata-types.ts";
import { applyOverlay } from "../metadata/apply-overlay.ts";
import { syncCompanySchema, syncedMark } from "../sync/sync-company-schema.ts";
import { applyMigrations } from "../modules/apply-migrations.ts";
import type { ModuleSet } from "../modules/module-set.ts";
import { checkNewCompany } from "./check-new-company.ts";
import type { CompanySettings } from "./company-settings.ts";
import { schemaOf } from "./company-slug.ts";
import { systemTables, platformTables } from "../db/system-tables.ts";

export interface NewCompany {
  slug: string;
  name: string;
  settings: CompanySettings;
  admin: { username: string; password: string; displayName?: string };
}

/** A company that cannot be created as asked; the message says why. */
export class CompanyInputError extends Error {}

/**
 * Creates a company in one transaction: its registry row, its schema with the
 * engine's tables, its first admin, and its entity tables synced to the base
 * metadata. Either all of it exists afterwards or none of it. With an owner
 * role (schema-owner.ts) the transaction is the owner's: it creates the
 * schema, the engine's role creates everything in it, and the owner takes
 * last what modules hand it (`ownCompanyTables`: the audit trail).
 */
export async function createCompany(
  database: Database,
  base: BaseMetadata,
  modules: ModuleSet,
  input: NewCompany,
  newId: () => string,
): Promise<void> {
  const problems = checkNewCompany(input);
  if (problems.length > 0) throw new CompanyInputError(problems.join("; "));

  const schema = schemaOf(input.slug);
  const passwordHash = await hashPassword(input.admin.password);
  const owner = database.owner;
  await (owner?.db ?? database.db).transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${schema}))`.execute(tx);
    const taken = await platformTables(tx)
      .selectFrom("company")
      .select("slug")
      .where("slug", "=", input.slug)
      .executeTakeFirst();
    const schemaTaken =
      await sql`select 1 from pg_catalog.pg_namespace where nspname = ${schema}`.execute(tx);
    if (taken || schemaTaken.rows.length > 0)
      throw new CompanyInputError(`a company "${input.slug}" already exists`);

    if (owner) {
      await createOwnedSchema(tx, owner, schema);
      await actAsEngine(tx, owner);
    } else {
      await tx.schema.createSchema(schema).execute();
    }
    await platformTables(tx)
      .insertInto("company")
      .values({
        slug: input.slug,
        schema_name: schema,
        name: input.name.trim(),
        settings: JSON.stringify(input.settings),
      })
      .execute();
    await applyMigrations(tx, schema, modules, "company");
    await systemTables(tx, schema)
      .insertInto("sys_user")
      .values({
        id: newId(),
        username: input.admin.username,
        display_name: input.admin.displayName ?? input.admin.username,
        password_hash: passwordHash,
        is_admin: true,
      })
      .execute();
    const meta = applyOverlay(base, {}, 0);
    await syncCompanySchema(tx, schema, meta, {
      currencyDecimals: input.settings.currencyDecimals,
    });
    await systemTables(tx, schema)
      .updateTable("sys_meta_state")
      .set({
        synced_hash: syncedMark(meta.hash),
        good_hash: meta.hash,
        good_metadata: JSON.stringify(meta),
      })
      .where("id", "=", 1)
      .execute();
    if (owner)
      for (const module of modules.ordered) await module.ownCompanyTables?.(tx, schema, owner);
  });
}
