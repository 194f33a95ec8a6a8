import type { EngineModule } from "../modules/engine-module.ts";
import { createLoginThrottleTable } from "./login-throttle-table.ts";

/** Logins, sessions, passwords and the login throttle. */
export const authModule: EngineModule = {
  key: "auth",
  version: "1.0.0",
  dependsOn: ["core"],
  platformMigrations: [
    { name: "001-login-throttle", up: (tx, t) => createLoginThrottleTable(tx, t.schema) },
  ],
};
