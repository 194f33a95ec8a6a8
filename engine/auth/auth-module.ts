import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { authRoutes } from "./auth-routes.ts";
import { createLoginThrottleTable } from "./login-throttle-table.ts";

/** Logins, sessions, passwords and the login throttle. */
export const authModule: EngineModule = {
  key: "auth",
  label: tr("Sign-in"),
  description: tr("Passwords, sessions and the login throttle."),
  version: "1.0.0",
  dependsOn: ["core"],
  platformMigrations: [
    { name: "001-login-throttle", up: (tx, t) => createLoginThrottleTable(tx, t.schema) },
  ],
  routes: [{ prefix: "/api/auth", register: authRoutes }],
};
