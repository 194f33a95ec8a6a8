import type { CompanyContext } from "../companies/company-context.ts";
import { hashJson } from "../metadata/hash-json.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { RecordValidators } from "../http/record-validator.ts";
import type { AccessGrant, EntityGrant, RoleGrant } from "./access-grant.ts";
import { GrantPolicy } from "./grant-policy.ts";

const views = new WeakMap<CompanyContext, Map<string, CompanyContext>>();
/** Distinct role combinations kept per company version; more is a sign of churn, not of need. */
const maxViewsPerCompany = 200;

/**
 * The company as a user with this grant sees it: only the modules and
 * entities the grant shows, each entity's fields shaped by its field rules
 * (a hidden field becomes a hidden field of the metadata, so every path that
 * already ignores hidden fields ignores it too). Everything downstream —
 * meta, validators, list plans, record answers, OpenAPI — takes this context
 * and needs no permission code of its own. Built once per company version and
 * grant, shared by every user with that grant.
 */
export function restrictCompany(full: CompanyContext, grant: AccessGrant): CompanyContext {
  if (grant.kind === "all") return full;
  let byGrant = views.get(full);
  if (!byGrant) views.set(full, (byGrant = new Map()));
  let view = byGrant.get(grant.key);
  if (!view) {
    view = build(full, grant);
    if (byGrant.size >= maxViewsPerCompany) byGrant.delete(byGrant.keys().next().value!);
    byGrant.set(grant.key, view);
  }
  return view;
}

function build(full: CompanyContext, grant: RoleGrant): CompanyContext {
  const { meta } = full;
  const entities: Record<string, EntityDefinition> = {};
  for (const [key, def] of Object.entries(meta.entities)) {
    const entityGrant = grant.entities[key];
    if (entityGrant && grant.modules.has(def.entity.module))
      entities[key] = restrictEntity(def, entityGrant);
  }
  const modules = meta.modules.modules.filter((m) => grant.modules.has(m.key));
  const restricted = {
    ...meta,
    modules: { ...meta.modules, modules },
    entities,
    // Differs per grant: a role change reaches clients as a new X-Meta-Version.
    hash: hashJson([meta.hash, grant.key]),
  };
  return {
    ...full,
    meta: restricted,
    validators: new RecordValidators(entities, full.fieldContext),
    policy: new GrantPolicy(grant),
    unrestricted: full,
  };
}

function restrictEntity(def: EntityDefinition, grant: EntityGrant): EntityDefinition {
  const rules = Object.entries(grant.fields);
  if (rules.length === 0) return def;
  const fields = { ...def.entity.fields };
  for (const [name, rule] of rules) {
    const field = fields[name];
    if (!field) continue;
    fields[name] = rule === "hidden" ? { ...field, hidden: true } : { ...field, readOnly: true };
  }
  return { ...def, entity: { ...def.entity, fields } };
}
