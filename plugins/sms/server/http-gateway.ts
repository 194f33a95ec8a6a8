import { fillTemplate } from "./body-template.ts";
import { PrivateAddressError } from "./gateway-address.ts";
import { GatewayTimeoutError, httpPost } from "./http-post.ts";
import type { SmsGateway } from "./sms-gateway.ts";
import type { SmsSettings } from "./sms-settings.ts";

/**
 * How long a gateway may take to answer, body included. Under the 10 s a
 * plugin's job may run (engine/plugins/run-plugin-code.ts), so that the job
 * still records the timeout itself.
 */
export const gatewayTimeoutMs = 8_000;

/** How much of a gateway's answer is read: enough for its error message, never a flood. */
const answerBytes = 2_048;

/** How much of that answer the log keeps. */
const answerChars = 200;

const contentTypes = {
  json: "application/json; charset=utf-8",
  form: "application/x-www-form-urlencoded; charset=utf-8",
} as const;

/** The header carrying the key: a bearer token in `Authorization`, the key as it is in any other. */
function keyHeaders(settings: SmsSettings): Record<string, string> {
  if (settings.keyHeader === "" || settings.apiKey === null) return {};
  const value =
    settings.keyHeader.toLowerCase() === "authorization"
      ? `Bearer ${settings.apiKey}`
      : settings.apiKey;
  return { [settings.keyHeader]: value };
}

const oneLine = (answer: string) => answer.replace(/\s+/g, " ").trim().slice(0, answerChars);

/**
 * The `http` provider: one POST to the company's gateway, its body the
 * company's template filled in (body-template.ts), its key in a header or
 * the body. A 2xx answer means sent; anything else, no answer in time or no
 * connection is a failure with why.
 */
export const httpGateway: SmsGateway = {
  async send({ to, text }, settings) {
    const body = fillTemplate(settings.template, settings.format, {
      to,
      text,
      sign: settings.signature,
      key: settings.apiKey ?? "",
    });
    const headers = { "content-type": contentTypes[settings.format], ...keyHeaders(settings) };
    try {
      const answer = await httpPost(new URL(settings.url), headers, body, {
        timeoutMs: gatewayTimeoutMs,
        answerBytes,
      });
      if (answer.status >= 200 && answer.status < 300) return { sent: true };
      if (answer.status >= 300 && answer.status < 400)
        return {
          sent: false,
          failure: {
            reason: "redirect",
            status: answer.status,
            location: answer.location?.slice(0, answerChars) ?? "",
          },
        };
      return {
        sent: false,
        failure: { reason: "status", status: answer.status, answer: oneLine(answer.body) },
      };
    } catch (err) {
      if (err instanceof PrivateAddressError)
        return { sent: false, failure: { reason: "private", address: err.address } };
      if (err instanceof GatewayTimeoutError)
        return { sent: false, failure: { reason: "timeout", seconds: gatewayTimeoutMs / 1000 } };
      return {
        sent: false,
        failure: { reason: "unreachable", cause: (err as Error).message.slice(0, answerChars) },
      };
    }
  },
};
