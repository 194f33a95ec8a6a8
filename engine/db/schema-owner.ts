import { Kysely, PostgresDialect, sql } from "kysely";
import type pg from "pg";
import type { Db } from "./database.ts";

/**
 * A second PostgreSQL role that owns the schemas and the audit trail
 * (`DATABASE_OWNER_URL`). The engine's own role (`DATABASE_URL`) then holds
 * USAGE and CREATE on the schemas and only SELECT and INSERT on each audit
 * table: it cannot change, delete or truncate the trail, drop or disable its
 * trigger, alter or drop the table or its schema, since PostgreSQL allows
 * each of those only to the owner of the table or its schema, a role the
 * engine's cannot become. The owner role is a member of the engine's, so it
 * creates objects the engine owns by `SET LOCAL ROLE`.
 */
export interface SchemaOwner {
  readonly db: Db;
  /** The owner's role name. */
  readonly role: string;
  /** The engine's role name (DATABASE_URL's). */
  readonly engineRole: string;
}

/** A deployment whose two roles cannot protect the trail: the message says what to change. */
export class SchemaOwnerError extends Error {}

/**
 * Opens the owner's connection (a pool of one: it creates companies and
 * schemas, nothing else) and checks the roles: the same database, the owner
 * able to act as the engine, the engine unable to act as the owner.
 */
export async function openSchemaOwner(engine: Db, pool: pg.Pool): Promise<SchemaOwner> {
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  try {
    const who = sql<{ role: string; database: string; superuser: boolean }>`
      select current_user as role, current_database() as database,
        (select rolsuper from pg_catalog.pg_roles where rolname = current_user) as superuser`;
    const [mine, theirs] = await Promise.all([who.execute(engine), who.execute(db)]);
    const e = mine.rows[0]!;
    const o = theirs.rows[0]!;
    const { rows } = await sql<{ owner_acts: boolean; engine_acts: boolean }>`
      select pg_catalog.pg_has_role(${o.role}, ${e.role}, 'USAGE') as owner_acts,
        pg_catalog.pg_has_role(${e.role}, ${o.role}, 'MEMBER') as engine_acts`.execute(db);
    const problem =
      o.database !== e.database
        ? `DATABASE_OWNER_URL opens database "${o.database}", DATABASE_URL "${e.database}": they must name the same database`
        : e.superuser
          ? `DATABASE_URL's role "${e.role}" is a superuser, which can rewrite any table: give the engine a role of its own (README "PostgreSQL roles")`
          : rows[0]!.engine_acts
            ? `DATABASE_URL's role "${e.role}" can act as DATABASE_OWNER_URL's "${o.role}", so the owner would protect nothing: use an owner role "${e.role}" is not a member of`
            : !rows[0]!.owner_acts
              ? `DATABASE_OWNER_URL's role "${o.role}" must be able to act as the engine's: GRANT "${e.role}" TO "${o.role}"`
              : undefined;
    if (problem) throw new SchemaOwnerError(problem);
    return { db, role: o.role, engineRole: e.role };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** Inside an owner's transaction: what follows is created as, and owned by, the engine's role. */
export async function actAsEngine(tx: Db, owner: SchemaOwner): Promise<void> {
  await sql`set local role ${sql.id(owner.engineRole)}`.execute(tx);
}

/** Back to the owner's own role, for what the engine must not own. */
export async function actAsOwner(tx: Db): Promise<void> {
  await sql`reset role`.execute(tx);
}

/**
 * Creates a schema owned by the owner, in which the engine may create and
 * use what it owns.
 */
export async function createOwnedSchema(tx: Db, owner: SchemaOwner, schema: string) {
  await sql`create schema if not exists ${sql.id(schema)}`.execute(tx);
  await sql`alter schema ${sql.id(schema)} owner to ${sql.id(owner.role)}`.execute(tx);
  await sql`grant usage, create on schema ${sql.id(schema)} to ${sql.id(owner.engineRole)}`.execute(
    tx,
  );
}
