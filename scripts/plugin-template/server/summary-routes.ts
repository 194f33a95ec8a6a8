import { Type, type PluginRoutes } from "../../../engine/plugins/plugin-api.ts";
import { openNotes, tallyTable } from "./tally-job.ts";

const summary = Type.Object({
  openNotes: Type.Integer({ description: "Notes not done yet." }),
  lastTally: Type.Union([
    Type.Object({ countedAt: Type.String(), openNotes: Type.Integer() }),
    Type.Null(),
  ]),
});

/** `/api/x/pluginname/summary`: the open notes now and at the last count; `/tally` queues a count. */
export function summaryRoutes(routes: PluginRoutes): void {
  routes.route(
    "GET",
    "/summary",
    {
      policy: "session",
      operationId: "pluginnameSummary",
      summary: "Open notes, now and at the last count",
      tags: ["pluginname"],
      responses: { 200: { description: "The summary.", schema: summary } },
    },
    async (c, _input, { db }) => {
      const last = await db
        .selectFrom(tallyTable)
        .select(["counted_at", "open_notes"])
        .orderBy("counted_at", "desc")
        .limit(1)
        .executeTakeFirst();
      return c.json({
        openNotes: await openNotes(db),
        lastTally: last
          ? { countedAt: new Date(last.counted_at).toISOString(), openNotes: last.open_notes }
          : null,
      });
    },
  );
  routes.route(
    "POST",
    "/tally",
    {
      policy: "session",
      operationId: "pluginnameTally",
      summary: "Counts the open notes now, away from the request",
      tags: ["pluginname"],
      responses: { 202: { description: "Queued." } },
    },
    async (c, _input, { sendJob }) => {
      await sendJob("tally");
      return c.json({ queued: true }, 202);
    },
  );
}
