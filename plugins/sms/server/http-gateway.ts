import { fillTemplate } from "./body-template.ts";
import type { SmsGateway } from "./sms-gateway.ts";
import type { SmsSettings } from "./sms-settings.ts";

/**
 * How long a gateway may take to answer, body included. Under the 10 s a
 * plugin's job may run (engine/plugins/run-plugin-code.ts), so that the job
 * still records the timeout itself.
 */
export const gatewayTimeoutMs = 8_000;

/** How much of a gateway's answer is read: enough for its error message, never a flood. */
export const answerBytes = 2_048;

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

/** The first `limit` bytes of an answer's body, the rest left unread. */
async function readSome(res: Response, limit: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, limit).toString("utf8");
}

const oneLine = (answer: string) => answer.replace(/\s+/g, " ").trim().slice(0, answerChars);

/**
 * The `http` provider: one POST to the company's gateway, its body the
 * company's template filled in (body-template.ts), its key in a header or
 * the body. A 2xx answer means sent; anything else, no answer in time or no
 * connection is a failure with why. Redirects are not followed: the key
 * would go wherever they point.
 */
export const httpGateway: SmsGateway = {
  async send({ to, text }, settings) {
    const body = fillTemplate(settings.template, settings.format, {
      to,
      text,
      sign: settings.signature,
      key: settings.apiKey ?? "",
    });
    const signal = AbortSignal.timeout(gatewayTimeoutMs);
    try {
      const res = await fetch(settings.url, {
        method: "POST",
        headers: { "content-type": contentTypes[settings.format], ...keyHeaders(settings) },
        body,
        redirect: "manual",
        signal,
      });
      const answer = oneLine(await readSome(res, answerBytes));
      if (res.status >= 200 && res.status < 300) return { sent: true };
      if (res.status >= 300 && res.status < 400)
        return {
          sent: false,
          failure: {
            reason: "redirect",
            status: res.status,
            location: res.headers.get("location")?.slice(0, 200) ?? "",
          },
        };
      return { sent: false, failure: { reason: "status", status: res.status, answer } };
    } catch (err) {
      if (signal.aborted)
        return { sent: false, failure: { reason: "timeout", seconds: gatewayTimeoutMs / 1000 } };
      const cause = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
      return {
        sent: false,
        failure: { reason: "unreachable", cause: String(cause).slice(0, answerChars) },
      };
    }
  },
};
