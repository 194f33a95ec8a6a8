import { definePlugin } from "../../../engine/plugins/plugin-api.ts";
import { messageRoutes } from "./message-routes.ts";
import { sendEffect } from "./send-effect.ts";
import { requeueJob } from "./requeue-job.ts";
import { sendJob } from "./send-job.ts";
import { settingsRoutes } from "./settings-routes.ts";
import { smsMigrations } from "./sms-migrations.ts";

/** The SMS plugin (README.md): a gateway per company, its message log, the `sms.send` effect. */
export default definePlugin({
  migrations: smsMigrations,
  routes(routes) {
    settingsRoutes(routes);
    messageRoutes(routes);
  },
  jobs: [sendJob, requeueJob],
  effects: [sendEffect],
});
