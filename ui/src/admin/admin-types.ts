import type { Locale } from "../../../metadata/types.gen.ts";

/** The answers of the engine's admin API (engine/org, engine/access, engine/audit) as the screens read them. */

export interface Department {
  id: string;
  name: string;
  parent: string | null;
  depth: number;
  userCount: number;
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  department: string | null;
  manager: string | null;
  isAdmin: boolean;
  isActive: boolean;
  createdAt: string;
  roles: string[];
}

/** What a role may grant on records, as `GET /api/admin/roles/actions` lists it (the engine's modules declare them). */
export interface PermissionAction {
  key: string;
  /** Its name, in the language the screen asked for. */
  label: string;
  /** false while nothing does it: a role keeps it, the matrix does not offer it. */
  offered: boolean;
}
export const roleScopes = ["own", "department", "departmentTree", "all"] as const;
export type RoleScope = (typeof roleScopes)[number];
export type FieldRule = "hidden" | "readOnly";

/** What a role grants (engine/org/role-permissions.ts): anything not granted is denied. */
export interface RolePermissions {
  modules?: string[];
  entities?: Record<
    string,
    { actions?: string[]; scope?: RoleScope; fields?: Record<string, FieldRule> }
  >;
}

export interface Role {
  id: string;
  key: string;
  name: string;
  permissions: RolePermissions;
  userCount: number;
}

/** One problem of a refused permission set: a JSON pointer into it and the rule broken. */
export interface PermissionProblem {
  pointer: string;
  rule: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  actorId: string | null;
  action: string;
  target: string | null;
  detail: unknown;
  changes: { path: string; before: unknown; after: unknown }[];
  ip: string | null;
  userAgent: string | null;
}

/** One reason, in the words of every locale: the answer follows a language switch without asking again. */
export type AccessReason = { code: string; grants: boolean } & Record<Locale, string>;

export interface AccessExplanation {
  user: { id: string; displayName: string; username: string };
  record: { entity: string; id: string; title: string | null };
  visible: boolean;
  canUpdate: boolean;
  canDelete: boolean;
  /** May reassign, share and unshare it: the owner's and the role scope's right, never a sharee's. */
  canManage: boolean;
  reasons: AccessReason[];
}

/** A module of the engine as the admin's company has it (`GET /api/admin/modules`). */
export interface ModuleState {
  key: string;
  label: string;
  description: string;
  version: string;
  dependsOn: string[];
  switchable: boolean;
  on: boolean;
  menus: string[];
}

/** What a background job may be doing (engine/jobs/job-queue.ts). */
export const jobStates = [
  "created",
  "retry",
  "active",
  "completed",
  "cancelled",
  "failed",
] as const;

/** A background job of the admin's company (`GET /api/admin/jobs`). */
export interface JobView {
  id: string;
  /** Its queue: `<module>.<job>`. */
  name: string;
  /** What it was queued with (a cron job's `{firedAt}`, a search fill's progress). */
  data: Record<string, unknown>;
  state: (typeof jobStates)[number];
  /** Tries after the first. */
  retries: number;
  retryLimit: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** Why its last try failed, while failed or waiting to retry. */
  error: string | null;
}
