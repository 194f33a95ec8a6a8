import type { ActorValues } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { RecordAction, RecordPolicy, ScopePurpose } from "../companies/record-policy.ts";
import { ApiError } from "../http/api-error.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import type { RoleGrant } from "./access-grant.ts";
import { actionRefused, refuseReadOnlyByRole } from "./entity-actions.ts";
import { scopeCondition } from "./record-scope.ts";
import { visibleEntity } from "./visible-entity.ts";

/** The record policy of a user's roles, carried by their restricted view of the company (restrict-company.ts). */
export class GrantPolicy implements RecordPolicy {
  constructor(readonly grant: RoleGrant) {}

  allows(entity: string, action: RecordAction): boolean {
    return this.grant.entities[entity]?.actions.has(action) ?? false;
  }

  requireAction(company: CompanyContext, entity: string, action: RecordAction): void {
    if (!this.allows(entity, action))
      throw ApiError.forbidden(actionRefused(company, action, entity));
  }

  refuseReadOnly(company: CompanyContext, entity: string, body: Record<string, unknown>): void {
    refuseReadOnlyByRole(company, this.grant, entity, body);
  }

  visibleEntity(company: CompanyContext, key: string): EntityDefinition {
    return visibleEntity(company, this.grant, key);
  }

  scope(
    company: CompanyContext,
    entity: string,
    purpose: ScopePurpose,
    alias: string,
    actor: ActorValues,
  ) {
    return scopeCondition(company, this.grant, entity, purpose, alias, actor);
  }
}
