import { t, type MessageKey } from "../i18n/i18n.ts";

/** The actions the engine writes to the audit trail (engine/**: `audit(…, { action })`). */
export const auditActions = [
  "login",
  "login_failed",
  "logout",
  "password_changed",
  "user_created",
  "user_changed",
  "user_password_reset",
  "department_created",
  "department_changed",
  "department_deleted",
  "role_created",
  "role_changed",
  "role_deleted",
  "metadata_changed",
  "record_created",
  "record_changed",
  "record_deleted",
  "record_reassigned",
  "record_shared",
  "record_unshared",
  "viewed_as",
] as const;

/** An action in words; one the UI does not know yet shows as its key. */
export const actionText = (action: string) =>
  (auditActions as readonly string[]).includes(action)
    ? t(`admin.audit.action.${action}` as MessageKey)
    : action;
