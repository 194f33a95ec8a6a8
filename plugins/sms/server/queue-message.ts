import { randomUUID } from "node:crypto";
import { ApiError, tr, type PluginContext } from "../../../engine/plugins/plugin-api.ts";
import type { MessageRow } from "./sms-message.ts";
import { phoneNumber } from "./phone-number.ts";
import { readSettings } from "./sms-settings.ts";
import { startOfDay } from "./start-of-day.ts";

const dayMs = 24 * 60 * 60 * 1000;

/** Messages logged since `since` that count against a limit: failed ones sent nothing. */
async function countSince(db: PluginContext["db"], since: Date, to?: string): Promise<number> {
  let query = db
    .selectFrom("x_sms_message")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("created_at", ">=", since)
    .where("status", "!=", "failed");
  if (to !== undefined) query = query.where("to", "=", to);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * Logs a message as queued, in `ctx`'s transaction, once it passes: a number
 * a message can go to, settings an admin has saved, and the company's daily
 * limits, counted from its midnight. The settings' row is locked meanwhile,
 * so that two sends at once cannot both take the last message of a limit.
 * Sending it is the send job's (send-job.ts): the caller queues that.
 */
export async function queueMessage(
  ctx: Pick<PluginContext, "db" | "company" | "actor" | "now">,
  request: { to: string; text: string },
): Promise<MessageRow> {
  const to = phoneNumber(request.to);
  if (to === undefined)
    throw ApiError.invalidRequest([
      {
        field: "to",
        rule: "phone",
        message: tr(
          "{to} is not a number a message can go to: a mainland mobile number (11 digits, starting 13 to 19) or + and an international number",
          { to: request.to },
        ),
      },
    ]);
  if (request.text.trim() === "")
    throw ApiError.invalidRequest([
      { field: "text", rule: "required", message: tr("the message has no text") },
    ]);
  const { db, now } = ctx;
  const { settings, configured } = await readSettings(db, { lock: true });
  if (!configured)
    throw ApiError.conflict(
      "sms_not_configured",
      tr(
        "SMS is not set up for this company: an admin chooses its gateway in the SMS settings first",
      ),
    );
  const at = now();
  const since = startOfDay(at, ctx.company.settings.timezone);
  const retryAfter = {
    "Retry-After": String(Math.ceil((since.getTime() + dayMs - at.getTime()) / 1000)),
  };
  if ((await countSince(db, since)) >= settings.dailyLimit)
    throw new ApiError(
      429,
      "sms_daily_limit",
      tr("this company has sent its {limit} messages for today; the limit is in the SMS settings", {
        limit: settings.dailyLimit,
      }),
      { limit: settings.dailyLimit },
      retryAfter,
    );
  if ((await countSince(db, since, to)) >= settings.recipientDailyLimit)
    throw new ApiError(
      429,
      "sms_recipient_limit",
      tr("{to} has been sent {limit} messages today, as many as one number may be sent a day", {
        to,
        limit: settings.recipientDailyLimit,
      }),
      { limit: settings.recipientDailyLimit },
      retryAfter,
    );
  const row: MessageRow = {
    id: randomUUID(),
    to,
    text: request.text,
    status: "queued",
    provider: settings.provider,
    error: null,
    tries: 0,
    created_by: ctx.actor?.userId ?? null,
    created_at: at,
    updated_at: at,
    sent_at: null,
  };
  await db.insertInto("x_sms_message").values(row).execute();
  return row;
}
