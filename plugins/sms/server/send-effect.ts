import { ApiError, defineEffect, tr } from "../../../engine/plugins/plugin-api.ts";
import { failureText } from "./send-failure.ts";
import { queueMessage } from "./queue-message.ts";
import { smsRequest } from "./sms-message.ts";

/**
 * `sms.send` `{to, text}`: what workflows and other modules (bulletins,
 * reminders) call to send a message. It is logged as queued in the caller's
 * transaction with its send job, within the company's limits, and rolls
 * back with it: a message is sent only if what sent it committed.
 */
export const sendEffect = defineEffect({
  name: "send",
  description: tr("Send a text message to a phone number, within the company's daily limits"),
  params: smsRequest,
  async run(ctx, request) {
    const message = await queueMessage(ctx, request);
    try {
      // In the caller's transaction: the message is sent only if that commits.
      await ctx.sendJob("send", { id: message.id }, { key: message.id });
    } catch (err) {
      throw ApiError.unavailable(
        failureText({ reason: "unqueued", cause: (err as Error).message.slice(0, 200) }),
      );
    }
    return { id: message.id, status: message.status };
  },
});
