import type { MetaView } from "../api/meta-types.ts";
import { entityLabel, fieldLabel, locale, t, type MessageKey } from "../i18n/i18n.ts";
import type { FieldRule, PermissionProblem, RolePermissions, RoleScope } from "./admin-types.ts";

/** One entity's grant as the matrix edits it: no scope yet is "". */
export interface EntityDraft {
  actions: string[];
  scope: RoleScope | "";
  fields: Record<string, FieldRule>;
}

export interface RoleDraft {
  modules: string[];
  entities: Record<string, EntityDraft>;
}

/** A role's permissions → the editable draft, with a row for every entity of the metadata. */
export function draftOf(permissions: RolePermissions, meta: MetaView): RoleDraft {
  const entities: Record<string, EntityDraft> = {};
  for (const key of Object.keys(meta.entities)) {
    const grant = permissions.entities?.[key];
    entities[key] = {
      actions: [...(grant?.actions ?? [])],
      scope: grant?.scope ?? "",
      fields: { ...(grant?.fields ?? {}) },
    };
  }
  // Entities the role names that the metadata no longer has stay, so the server can name them.
  for (const [key, grant] of Object.entries(permissions.entities ?? {}))
    entities[key] ??= {
      actions: [...(grant.actions ?? [])],
      scope: grant.scope ?? "",
      fields: { ...(grant.fields ?? {}) },
    };
  return { modules: [...(permissions.modules ?? [])], entities };
}

/** The draft → the permissions JSON the server validates: entities that grant nothing are left out. */
export function permissionsOf(draft: RoleDraft): RolePermissions {
  const entities: NonNullable<RolePermissions["entities"]> = {};
  for (const [key, e] of Object.entries(draft.entities)) {
    const fields = Object.keys(e.fields).length > 0;
    if (e.actions.length === 0 && !fields) continue;
    entities[key] = {
      actions: e.actions,
      ...(e.scope ? { scope: e.scope } : {}),
      ...(fields ? { fields: e.fields } : {}),
    };
  }
  return { modules: draft.modules, entities };
}

const decode = (part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~");

/** Where a problem's JSON pointer points: the entity, the part of its grant and the field, if any. */
export function problemPlace(pointer: string): {
  module?: number;
  entity?: string;
  part?: string;
  field?: string;
} {
  const parts = pointer.split("/").slice(1).map(decode);
  if (parts[0] === "modules") return { module: parts[1] ? Number(parts[1]) : undefined };
  if (parts[0] !== "entities") return {};
  return { entity: parts[1], part: parts[2], field: parts[2] === "fields" ? parts[3] : undefined };
}

/** A problem's place in words, e.g. "Customers › Scope" or "Customers › Phone". */
export function problemWhere(problem: PermissionProblem, draft: RoleDraft, meta: MetaView) {
  const place = problemPlace(problem.pointer);
  if (place.module !== undefined) {
    const key = draft.modules[place.module];
    const module = meta.modules.find((m) => m.key === key);
    return `${t("admin.roles.module")} ${module?.labels[locale()] ?? key ?? ""}`;
  }
  if (!place.entity) return t("admin.roles.permissions");
  const entity = meta.entities[place.entity];
  const name = entity ? entityLabel(entity, true) : place.entity;
  if (place.field) return `${name} › ${entity ? fieldLabel(entity, place.field) : place.field}`;
  if (place.part === "scope") return `${name} › ${t("admin.roles.scope")}`;
  if (place.part === "actions") return `${name} › ${t("admin.roles.actions")}`;
  return name;
}

export const scopeLabel = (s: RoleScope) => t(`admin.scope.${s}` as MessageKey);
