import type { PluginJob } from "../../../engine/plugins/plugin-api.ts";
import { gateways } from "./gateways.ts";
import { failureText, worthRetrying } from "./send-failure.ts";
import type { MessageRow } from "./sms-message.ts";
import { readSettings } from "./sms-settings.ts";

/** Retries after the first try: the most tries a company may set (5). */
const retryLimit = 4;

/**
 * `sms.send` `{id}`: one try of a queued message on the company's gateway.
 * A failure worth retrying (the gateway down, slow, busy) is thrown, so that
 * the queue tries again later, each wait longer, until the company's
 * `tries` are spent; then, or on a failure no retry mends, the message is
 * marked failed with why, and the job ends. Each try is taken by bumping
 * the message's tries where they are still what was read, so that two
 * workers never try one message at once. Sending is at least once: a try
 * the gateway took but that could not be marked sent is tried again.
 */
export const sendJob: PluginJob = {
  name: "send",
  retryLimit,
  retryDelaySeconds: 2,
  async run(job) {
    try {
      await tryOnce(job);
    } catch (err) {
      // The last try failed for another reason than the gateway (the database, a bug): the
      // message must not wait, queued and counted against the limits, for ever.
      if (job.retry >= retryLimit) {
        const failure = { reason: "broken", cause: (err as Error).message.slice(0, 200) } as const;
        await job.db
          .updateTable("x_sms_message")
          .set({ status: "failed", error: JSON.stringify(failure), updated_at: job.now() })
          .where("id", "=", String(job.data.id))
          .where("status", "=", "queued")
          .execute();
      }
      throw err;
    }
  },
};

/** One try of the message: taken, sent through the gateway, and its outcome written. */
async function tryOnce({ db, data, now }: Parameters<PluginJob["run"]>[0]): Promise<void> {
  const id = String(data.id);
  const message = (await db
    .selectFrom("x_sms_message")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst()) as MessageRow | undefined;
  // Queued with its message, in one transaction: none means it is gone from the log.
  if (!message || message.status !== "queued") return;
  const { settings } = await readSettings(db);
  const tries = message.tries + 1;
  const taken = await db
    .updateTable("x_sms_message")
    .set({ tries, provider: settings.provider, updated_at: now() })
    .where("id", "=", id)
    .where("status", "=", "queued")
    .where("tries", "=", message.tries)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 0) return;
  const outcome = await gateways[settings.provider].send(message, settings);
  if (outcome.sent) {
    await db
      .updateTable("x_sms_message")
      .set({ status: "sent", error: null, sent_at: now(), updated_at: now() })
      .where("id", "=", id)
      .execute();
    return;
  }
  const final = !worthRetrying(outcome.failure) || tries >= settings.tries;
  await db
    .updateTable("x_sms_message")
    .set({
      status: final ? "failed" : "queued",
      error: JSON.stringify(outcome.failure),
      updated_at: now(),
    })
    .where("id", "=", id)
    .execute();
  if (!final) throw new Error(failureText(outcome.failure).toString());
}
