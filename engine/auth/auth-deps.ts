import type { CoreDeps } from "../companies/core-deps.ts";
import type { LoginThrottle } from "./login-throttle.ts";
import type { PasswordQueue } from "./password-queue.ts";
import type { SessionPolicy } from "./session-policy.ts";

/** What sign-in, sessions and passwords use, configured once for the process. */
export interface AuthSettings {
  readonly sessionPolicy: SessionPolicy;
  /** Set the Secure flag on cookies (served over HTTPS). */
  readonly secureCookies: boolean;
  readonly loginThrottle: LoginThrottle;
  /** Every password hash of the process (login, password change, users) takes its turn here. */
  readonly passwordQueue: PasswordQueue;
  /** Answer GET /api/auth/companies for the login picker (LIST_COMPANIES); off unless set. */
  readonly listCompanies?: boolean;
}

declare module "../modules/engine-module.ts" {
  interface ModuleDeps extends AuthSettings {}
}

/** What sessions and credentials need before the app's services exist. */
export type AuthDeps = CoreDeps & AuthSettings;
