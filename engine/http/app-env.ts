/**
 * The variables of a request, set by the session middleware. The core names
 * none of their types: the part that owns each declares it here by
 * augmentation (`company` in companies/company-context.ts, `session` in
 * auth/sessions.ts, `actor` in access/load-access.ts), so that http/ imports
 * no module and a plugin can add its own.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface RequestVariables {}

/** Typed context of every route and middleware of the app. */
export interface AppEnv {
  Variables: RequestVariables;
}
