import { Type } from "../../../engine/plugins/plugin-api.ts";
import { providerNames } from "./sms-settings.ts";

const provider = Type.Union(
  providerNames.map((name) => Type.Literal(name)),
  {
    description: "`test` sends nothing and logs the message as sent; `http` posts to the gateway.",
  },
);
const format = Type.Union([Type.Literal("json"), Type.Literal("form")], {
  description: "How the gateway reads the body: JSON, or an HTML form (`a=1&b=2`).",
});
const fields = {
  provider,
  url: Type.String({ maxLength: 500, description: "The HTTP gateway's address." }),
  keyHeader: Type.String({
    maxLength: 60,
    pattern: "^[A-Za-z0-9-]*$",
    description:
      "The header carrying the key: `Authorization` sends `Bearer <key>`, another name the key as it is, empty none.",
  }),
  format,
  template: Type.String({
    maxLength: 2000,
    description: "The request body, with the placeholders {to} {text} {sign} {key}.",
  }),
  signature: Type.String({
    maxLength: 20,
    description: "The sender's signature (签名), `{sign}`.",
  }),
  dailyLimit: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  recipientDailyLimit: Type.Integer({ minimum: 0, maximum: 10_000 }),
  tries: Type.Integer({ minimum: 1, maximum: 5, description: "Tries before a message fails." }),
};

/** What an admin changes: any of the settings; `apiKey` null clears the key, absent keeps it. */
export const settingsPatch = Type.Object(
  {
    provider: Type.Optional(fields.provider),
    url: Type.Optional(fields.url),
    apiKey: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 500 }), Type.Null()])),
    keyHeader: Type.Optional(fields.keyHeader),
    format: Type.Optional(fields.format),
    template: Type.Optional(fields.template),
    signature: Type.Optional(fields.signature),
    dailyLimit: Type.Optional(fields.dailyLimit),
    recipientDailyLimit: Type.Optional(fields.recipientDailyLimit),
    tries: Type.Optional(fields.tries),
  },
  { additionalProperties: false },
);

/** The settings as answered: the key only as whether it is set. */
export const settingsView = Type.Object({
  configured: Type.Boolean({
    description: "Whether an admin saved them; until then nothing is sent.",
  }),
  ...fields,
  keySet: Type.Boolean(),
  updatedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});
