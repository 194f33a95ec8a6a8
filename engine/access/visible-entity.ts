import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import { ApiError } from "../http/api-error.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { own } from "../metadata/own-key.ts";
import { tr } from "../i18n/text.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";
import type { RoleGrant } from "./access-grant.ts";
import { actionRefused } from "./entity-actions.ts";

/**
 * The entity as the user sees it; 404 when no such entity exists, 403 when
 * it exists but the user's roles hide its module or grant no read on it.
 */
export function visibleEntity(
  company: CompanyContext,
  grant: RoleGrant,
  key: string,
): EntityDefinition {
  const def = own(company.meta.entities, key);
  if (def) return def;
  const real = own(fullCompany(company).meta.entities, key);
  if (!real) throw ApiError.notFound(unknownEntity(key));
  if (!grant.modules.has(real.entity.module))
    throw ApiError.forbidden(
      tr('the module "{module}" is not open to you', { module: real.entity.module }),
    );
  throw ApiError.forbidden(actionRefused(company, "read", key));
}
