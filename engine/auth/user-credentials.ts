import type { Context } from "hono";
import { hashPassword } from "../companies/password.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { UserCredentials } from "../org/org-deps.ts";
import type { AuthDeps } from "./auth-deps.ts";
import { writeSessionCookie } from "./session-cookie.ts";
import { createSession } from "./sessions.ts";

/** Sign-in's side of the org module's user routes: hashing in the process's queue, and renewing a session. */
export function userCredentials(deps: AuthDeps): UserCredentials {
  return {
    hash: (password) => deps.passwordQueue.run(() => hashPassword(password)),
    async renewSession(c: Context<AppEnv>) {
      const { company, session } = c.var;
      const token = await createSession(
        deps.database.db,
        company.schema,
        company.slug,
        session.user.id,
        deps.now(),
      );
      writeSessionCookie(
        c,
        token,
        deps.secureCookies,
        Math.floor(deps.sessionPolicy.absoluteMs / 1000),
      );
    },
  };
}
