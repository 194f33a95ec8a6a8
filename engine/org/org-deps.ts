import type { Context } from "hono";
import type { AppEnv } from "../http/app-env.ts";

/**
 * What the user routes need of sign-in, which owns passwords and sessions:
 * given by the composition root, so that org does not reach into auth.
 */
export interface UserCredentials {
  /** A password's hash, computed in its turn among every hash of the process (429 when too many wait). */
  hash(password: string): Promise<string>;
  /** A new session for the request's user, and its cookie on the answer. */
  renewSession(c: Context<AppEnv>): Promise<void>;
}

declare module "../modules/engine-module.ts" {
  interface ModuleDeps {
    readonly credentials: UserCredentials;
  }
}
