import { Type, type PluginRoutes } from "../../../engine/plugins/plugin-api.ts";
import { phoneNumber } from "./phone-number.ts";
import {
  messageStatuses,
  messageView,
  smsRequest,
  viewOf,
  type MessageRow,
} from "./sms-message.ts";

const tags = ["sms"];

/** `/api/x/sms/messages`: the message log, and a message sent from it. */
export function messageRoutes(routes: PluginRoutes): void {
  routes.route(
    "GET",
    "/messages",
    {
      policy: "admin",
      operationId: "listSmsMessages",
      summary: "The company's text messages, newest first",
      tags,
      query: Type.Object({
        status: Type.Optional(Type.Union(messageStatuses.map((s) => Type.Literal(s)))),
        to: Type.Optional(
          Type.String({ maxLength: 30, description: "Only those sent to this number." }),
        ),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
      }),
      responses: {
        200: {
          description: "A page of the log, and how many messages match.",
          schema: Type.Object({ items: Type.Array(messageView), total: Type.Integer() }),
        },
      },
    },
    async (c, { query }, { db }) => {
      let rows = db.selectFrom("x_sms_message");
      if (query.status !== undefined) rows = rows.where("status", "=", query.status);
      if (query.to !== undefined) rows = rows.where("to", "=", phoneNumber(query.to) ?? query.to);
      const [items, total] = await Promise.all([
        rows
          .selectAll()
          .orderBy("seq", "desc")
          .limit(query.limit ?? 50)
          .offset(query.offset ?? 0)
          .execute() as Promise<MessageRow[]>,
        rows.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirstOrThrow(),
      ]);
      return c.json({ items: items.map(viewOf), total: Number(total.n) });
    },
  );

  routes.route(
    "POST",
    "/messages",
    {
      policy: "admin",
      operationId: "sendSms",
      summary: "Send a text message",
      description:
        "Logs the message as queued and queues its sending; the log shows when it is sent, or why it failed.",
      tags,
      body: smsRequest,
      responses: { 202: { description: "Queued.", schema: messageView } },
      errors: [409, 429, 503],
    },
    // Through the effect: the message and its send job in one transaction, or neither.
    async (c, { body }, ctx) => {
      const { id } = (await ctx.effect("sms.send", body)) as { id: string };
      const message = (await ctx.db
        .selectFrom("x_sms_message")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow()) as MessageRow;
      return c.json(viewOf(message), 202);
    },
  );
}
