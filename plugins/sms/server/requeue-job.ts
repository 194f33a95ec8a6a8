import type { PluginJob } from "../../../engine/plugins/plugin-api.ts";

/** A message queued longer than this without being tried has lost its send job. */
const staleMinutes = 10;
/** Messages queued again per run: the next run takes the rest. */
const batch = 500;

/**
 * Every ten minutes, queues the send job again for messages still queued
 * long after they were logged: their job was skipped while the company had
 * the plugin off, or a queue that was down lost it. A send job still waiting
 * keeps its place (the job is keyed by the message), and the send job tries
 * a message only while it is queued, so none is sent twice for this.
 */
export const requeueJob: PluginJob = {
  name: "requeue",
  cron: "*/10 * * * *",
  async run({ db, now, sendJob }) {
    const before = new Date(now().getTime() - staleMinutes * 60_000);
    const stale = await db
      .selectFrom("x_sms_message")
      .select("id")
      .where("status", "=", "queued")
      .where("updated_at", "<", before)
      .orderBy("seq")
      .limit(batch)
      .execute();
    for (const { id } of stale) await sendJob("send", { id: String(id) }, { key: String(id) });
  },
};
