import { definePlugin } from "../../../engine/plugins/plugin-api.ts";
import { noteHooks } from "./note-hooks.ts";
import { summaryRoutes } from "./summary-routes.ts";
import { tallyJob, tallyTable } from "./tally-job.ts";

/** The pluginname plugin's server side: what plugin.json names, the engine runs from here. */
export default definePlugin({
  migrations: [
    {
      name: "001-tally",
      up: (db) =>
        db.schema
          .createTable(tallyTable)
          .ifNotExists()
          .addColumn("counted_at", "timestamptz", (c) => c.notNull())
          .addColumn("open_notes", "integer", (c) => c.notNull())
          .execute(),
    },
  ],
  hooks: [noteHooks],
  routes: summaryRoutes,
  jobs: [tallyJob],
});
