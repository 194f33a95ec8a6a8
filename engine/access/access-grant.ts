import type { RolePermissions } from "../org/role-permissions.ts";
import { roleScopes } from "../org/role-permissions.ts";

/** A permission action's key, as the modules declare them (`ModuleSet.permissionActions`). */
export type Action = string;
export type Scope = (typeof roleScopes)[number];
export type FieldRule = "hidden" | "readOnly";

/** What a user may do with one entity, all roles merged. */
export interface EntityGrant {
  readonly actions: ReadonlySet<Action>;
  readonly scope: Scope;
  readonly fields: Readonly<Record<string, FieldRule>>;
}

/**
 * What a user may see and do in a company: everything (admins), or the union
 * of their roles. An entity absent from `entities` cannot even be read.
 */
export type AccessGrant =
  | { readonly kind: "all" }
  | {
      readonly kind: "roles";
      readonly modules: ReadonlySet<string>;
      readonly entities: Readonly<Record<string, EntityGrant>>;
      /** Canonical text of the merged grant: users with equal grants share one restricted view. */
      readonly key: string;
    };

/** The grant of a user who is not an admin: what their roles open. */
export type RoleGrant = Extract<AccessGrant, { kind: "roles" }>;

export const grantsAll: AccessGrant = { kind: "all" };

const ruleWeight = { none: 0, readOnly: 1, hidden: 2 } as const;

/**
 * Merges the permission sets of a user's roles, most generous wins: modules
 * and actions are unions, the widest scope applies, and a field is hidden or
 * read-only only if every role granting the entity says so. A role that does
 * not grant read on an entity contributes nothing to it. No roles: nothing.
 *
 * @example
 * mergeRoles([{ modules: ["crm"], entities: { customer: { actions: ["read"], scope: "own" } } }])
 */
export function mergeRoles(roles: readonly RolePermissions[]): AccessGrant {
  const modules = new Set<string>();
  const merged = new Map<
    string,
    { actions: Set<Action>; scope: Scope; rules: Map<string, number>[] }
  >();
  for (const role of roles) {
    for (const m of role.modules ?? []) modules.add(m);
    for (const [entity, grant] of Object.entries(role.entities ?? {})) {
      if (!grant.actions?.includes("read") || grant.scope === undefined) continue;
      const into = merged.get(entity) ?? { actions: new Set(), scope: "own", rules: [] };
      for (const a of grant.actions) into.actions.add(a);
      if (roleScopes.indexOf(grant.scope) > roleScopes.indexOf(into.scope))
        into.scope = grant.scope;
      into.rules.push(
        new Map(Object.entries(grant.fields ?? {}).map(([f, r]) => [f, ruleWeight[r]])),
      );
      merged.set(entity, into);
    }
  }
  const entities: Record<string, EntityGrant> = {};
  for (const [entity, { actions, scope, rules }] of [...merged].sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    const names = new Set(rules.flatMap((r) => [...r.keys()]));
    const fields: Record<string, FieldRule> = {};
    for (const name of [...names].sort()) {
      const weight = Math.min(...rules.map((r) => r.get(name) ?? 0));
      if (weight === ruleWeight.hidden) fields[name] = "hidden";
      else if (weight === ruleWeight.readOnly) fields[name] = "readOnly";
    }
    entities[entity] = {
      actions: new Set([...actions].sort()),
      scope,
      fields,
    };
  }
  const sortedModules = [...modules].sort();
  const key = JSON.stringify({
    modules: sortedModules,
    entities: Object.entries(entities).map(([e, g]) => [e, [...g.actions], g.scope, g.fields]),
  });
  return { kind: "roles", modules: new Set(sortedModules), entities, key };
}
