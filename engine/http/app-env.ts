import type { CompanyContext } from "../companies/company-context.ts";
import type { Actor } from "../access/load-access.ts";
import type { ValidSession } from "../auth/sessions.ts";

/** Typed context variables set by the session middleware. */
export interface AppEnv {
  Variables: {
    company: CompanyContext;
    session: ValidSession;
    /** The session's user with their current department, for record scopes and shares. */
    actor: Actor;
  };
}
