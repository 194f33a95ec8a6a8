import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import {
  bareHost,
  isPrivateAddress,
  PrivateAddressError,
  privateGatewaysAllowed,
  publicOnlyLookup,
} from "./gateway-address.ts";

/** No answer, or not all of it, within the time given. */
export class GatewayTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** What a gateway answered: its status, where it redirects, the start of its body. */
export interface GatewayAnswer {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

/**
 * One POST, answered within `timeoutMs` (its body included) and read up to
 * `answerBytes`, the rest left unread. Redirects are answers, not followed.
 * Unless the installation allows private gateways, a connection to a
 * private address is refused (gateway-address.ts): an address in the URL
 * before connecting, a name at the lookup of the connection itself.
 */
export function httpPost(
  url: URL,
  headers: Record<string, string>,
  body: string,
  limits: { timeoutMs: number; answerBytes: number },
): Promise<GatewayAnswer> {
  const allowPrivate = privateGatewaysAllowed();
  const host = bareHost(url);
  if (!allowPrivate && isIP(host) !== 0 && isPrivateAddress(host))
    return Promise.reject(new PrivateAddressError(host));
  const signal = AbortSignal.timeout(limits.timeoutMs);
  return new Promise((resolve, reject) => {
    const fail = (err: Error) =>
      reject(signal.aborted ? new GatewayTimeoutError(limits.timeoutMs) : err);
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        signal,
        ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const answer = () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            body: Buffer.concat(chunks).subarray(0, limits.answerBytes).toString("utf8"),
          });
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.byteLength;
          if (size < limits.answerBytes) return;
          answer();
          res.destroy();
        });
        res.on("end", answer);
        res.on("error", fail);
        res.on("close", () => {
          if (!res.complete) fail(new Error("the answer was cut off"));
        });
      },
    );
    req.on("error", fail);
    req.end(body);
  });
}
