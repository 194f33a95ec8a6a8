import type { CompanyContext } from "../companies/company-context.ts";
import type { ValidSession } from "../auth/sessions.ts";

/** Typed context variables set by the session middleware. */
export interface AppEnv {
  Variables: {
    company: CompanyContext;
    session: ValidSession;
  };
}
