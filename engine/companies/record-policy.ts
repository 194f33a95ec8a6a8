import type { Expression, SqlBool } from "kysely";
import { ApiError } from "../http/api-error.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";
import { own } from "../metadata/own-key.ts";
import type { ActorValues } from "./actor.ts";
import type { CompanyContext } from "./company-context.ts";

/**
 * An action on an entity's records (read, export…): the modules declare them
 * (`EngineModule.permissionActions`), so the core takes any key.
 */
export type RecordAction = string;

/**
 * What a scope is checked for: shares open records to read, edit shares also
 * to update. Deleting and managing (reassigning, sharing, unsharing) are the
 * owner's and the role scope's rights, never a sharee's. "written" reads back
 * a record the actor has just changed, which a reassignment may have moved
 * out of their scope.
 */
export type ScopePurpose = "read" | "update" | "delete" | "manage" | "written";

/**
 * What the request's user may do with records. The core asks, the company
 * context carries the answer: a user's restricted view carries the access
 * module's policy for their roles, the company itself `unrestrictedPolicy`.
 * Everything is synchronous: a scope is compiled into the statement, never
 * awaited per row.
 */
export interface RecordPolicy {
  /** Whether the user may do `action` with the entity's records. */
  allows(entity: string, action: RecordAction): boolean;
  /** 403, naming the action and the entity, unless the user may. */
  requireAction(company: CompanyContext, entity: string, action: RecordAction): void;
  /** 403 naming every field of `body` the user sees but may not change. */
  refuseReadOnly(company: CompanyContext, entity: string, body: Record<string, unknown>): void;
  /** The entity as the user sees it: 404 when there is none, 403 when it is not theirs to see. */
  visibleEntity(company: CompanyContext, key: string): EntityDefinition;
  /**
   * The condition that limits the entity's rows (under `alias`) to those the
   * actor may use for `purpose`, or undefined when every row is open.
   */
  scope(
    company: CompanyContext,
    entity: string,
    purpose: ScopePurpose,
    alias: string,
    actor: ActorValues,
  ): Expression<SqlBool> | undefined;
}

/** The company as metadata defines it: admins and the engine itself may do anything with any record. */
export const unrestrictedPolicy: RecordPolicy = {
  allows: () => true,
  requireAction: () => undefined,
  refuseReadOnly: () => undefined,
  visibleEntity: (company, key) => {
    const def = own(company.meta.entities, key);
    if (!def) throw ApiError.notFound(unknownEntity(key));
    return def;
  },
  scope: () => undefined,
};
