import type { CompanyDb, PluginJob } from "../../../engine/plugins/plugin-api.ts";

/** The plugin's own table (its names start with `x_pluginname_`): one row per count. */
export const tallyTable = "x_pluginname_tally";

/** Notes not done yet. */
export async function openNotes(db: CompanyDb): Promise<number> {
  const { count } = await db
    .selectFrom("x_pluginname_note")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("done", "=", false)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Counts the open notes every evening at 18:00 in the company's time zone, or when queued. */
export const tallyJob: PluginJob = {
  name: "tally",
  cron: "0 18 * * *",
  async run({ db, now }) {
    await db
      .insertInto(tallyTable)
      .values({ counted_at: now(), open_notes: await openNotes(db) })
      .execute();
  },
};
