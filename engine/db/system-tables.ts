import type { ColumnType, Kysely } from "kysely";
import type { Db } from "./database.ts";

/** A timestamptz: read as an ISO string in UTC (type-parsers.ts), written as a Date or such a string. */
export type Timestamp = ColumnType<string, Date | string, Date | string>;
/** A timestamptz the database fills with now() unless the insert gives one. */
export type CreatedAt = ColumnType<string, Date | string | undefined, Date | string>;
/** A jsonb column: read parsed, written as JSON text. */
export type Json<T> = ColumnType<T, string, string>;
/** A column the database fills with its default unless the insert gives one. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>;

/**
 * The system tables of every company schema, so that queries on them are
 * type-checked; entity tables come from metadata and stay dynamic (`Db`).
 * The core (companies/) and each module declare their tables from their own
 * folder by declaration merging, so the core imports no module:
 *
 * @example
 * declare module "../db/system-tables.ts" {
 *   interface SystemTables {
 *     sys_note: { id: string; body: string };
 *   }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface SystemTables {}

/** The tables of the `platform` schema, shared by every company; modules add theirs the same way. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface PlatformTables {}

/** Typed queries on a company's system tables, in its schema. */
export const systemTables = (db: Db, schema: string): Kysely<SystemTables> => db.withSchema(schema);

/** Typed queries on the platform schema's tables. */
export const platformTables = (db: Db): Kysely<PlatformTables> => db.withSchema("platform");
