import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import type { HookSet } from "./record-hooks.ts";

/**
 * Values the server gives a new record in the create's transaction, last
 * before the insert: the numbering module's document numbers.
 */
export type AssignOnCreate = (
  tx: Db,
  company: CompanyContext,
  entity: string,
  def: EntityDefinition,
  now: Date,
  /** The record's values so far: a number's prefix follows one of them. */
  values: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

/**
 * What other modules do in a delete's transaction, given every record it
 * took as `entity/id`, cascades included: the access module drops their shares.
 */
export type RecordsDeleted = (
  tx: Db,
  company: CompanyContext,
  gone: ReadonlySet<string>,
) => Promise<void>;

/** What the record service works with, wired once by the composition root (module-services.ts). */
export interface RecordDeps {
  db: Db;
  now: () => Date;
  newId: () => string;
  assignOnCreate: AssignOnCreate;
  recordsDeleted: RecordsDeleted;
  /** The installed modules' hooks around record writes. */
  hooks: HookSet;
}
