import { defineEffect, tr } from "../../../engine/plugins/plugin-api.ts";
import { queueMessage } from "./queue-message.ts";
import { smsRequest } from "./sms-message.ts";

/**
 * `sms.send` `{to, text}`: what workflows and other modules (bulletins,
 * reminders) call to send a message. It is logged as queued in the caller's
 * transaction, within the company's limits, and rolls back with it.
 *
 * The send job is queued without waiting: the queue writes through its own
 * connection, which on the embedded database is the one the caller's
 * transaction holds, so it is written once that transaction ends. On
 * PostgreSQL it may run before the commit; it then waits for the message
 * to appear (send-job.ts).
 */
export const sendEffect = defineEffect({
  name: "send",
  description: tr("Send a text message to a phone number, within the company's daily limits"),
  params: smsRequest,
  async run(ctx, request) {
    const message = await queueMessage(ctx, request);
    void ctx.sendJob("send", { id: message.id }, { key: message.id }).catch((err: Error) => {
      console.error(`sms: message ${message.id} stays queued: ${err.message}`);
    });
    return { id: message.id, status: message.status };
  },
});
