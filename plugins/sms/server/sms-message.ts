import { Type, type Text } from "../../../engine/plugins/plugin-api.ts";
import { failureText, type SendFailure } from "./send-failure.ts";
import type { ProviderName } from "./sms-settings.ts";

export const messageStatuses = ["queued", "sent", "failed"] as const;
/** `queued` until a try succeeds (`sent`) or the last one fails (`failed`). */
export type MessageStatus = (typeof messageStatuses)[number];

/** A row of `x_sms_message`, the message log. */
export interface MessageRow {
  id: string;
  to: string;
  text: string;
  status: MessageStatus;
  provider: ProviderName;
  /** Why its last try failed: a SendFailure as JSON text (send-failure.ts). */
  error: string | null;
  tries: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
}

/** The most a message may say, in characters (a long SMS is sent in parts by the gateway). */
const maxTextLength = 500;

/** What a caller asks to send, as the route and the effect take it. */
export const smsRequest = Type.Object(
  {
    to: Type.String({
      minLength: 1,
      maxLength: 30,
      description: "A mainland mobile number (13800138000), or + and an international one.",
    }),
    text: Type.String({ minLength: 1, maxLength: maxTextLength }),
  },
  { additionalProperties: false },
);

/** A message as the log shows it. */
export const messageView = Type.Object({
  id: Type.String({ format: "uuid" }),
  to: Type.String(),
  text: Type.String(),
  status: Type.Union(messageStatuses.map((s) => Type.Literal(s))),
  provider: Type.String(),
  error: Type.Union([Type.String(), Type.Null()], {
    description: "Why its last try failed, while queued for another try or failed.",
  }),
  tries: Type.Integer(),
  createdBy: Type.Union([Type.String(), Type.Null()], {
    description: "The user who sent it; null when a job or workflow did.",
  }),
  createdAt: Type.String({ format: "date-time" }),
  sentAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});

export const viewOf = (row: MessageRow) => ({
  id: row.id,
  to: row.to,
  text: row.text,
  status: row.status,
  provider: row.provider,
  error:
    row.error !== null && row.status !== "sent"
      ? failureText(JSON.parse(row.error) as SendFailure)
      : (null as Text | null),
  tries: row.tries,
  createdBy: row.created_by,
  createdAt: row.created_at,
  sentAt: row.sent_at,
});
