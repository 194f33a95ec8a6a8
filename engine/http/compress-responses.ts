import type { MiddlewareHandler } from "hono";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { acceptedEncoding } from "./accepted-encoding.ts";
import type { AppEnv } from "./app-env.ts";

/** Below this an answer goes out as it is: a frame or two either way, and compressing costs more than it saves. */
export const compressMinBytes = 1024;

/**
 * Answers the engine builds whole (JSON, the validators module, a page):
 * text that compresses well. Downloads (CSV, XLSX) are not among them.
 */
const compressible =
  /^(?:application\/json|text\/(?:javascript|html|css|plain)|image\/svg\+xml)\b/i;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The lowest levels: a 50-row list page (50 KB) in about 0.2 ms of CPU, to
 * 18% of its size; brotli 4 or gzip 6 take 2.5× that for 2–3 points less
 * (figures in bench/README.md). Static assets are compressed at the highest
 * levels once, at build (scripts/build.js).
 */
const compressors = {
  br: (body: Uint8Array) =>
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 1,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body: Uint8Array) => gzipAsync(body, { level: 1 }),
};

/** Adds `Accept-Encoding` to `Vary` once: the answer depends on it, for caches. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get("Vary");
  if (!vary) headers.set("Vary", "Accept-Encoding");
  else if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary))
    headers.set("Vary", `${vary}, Accept-Encoding`);
}

/**
 * Compresses an answer the engine built whole with brotli or gzip, as the
 * request's `Accept-Encoding` prefers (accepted-encoding.ts), when it is
 * text of at least `minBytes`. Answers already encoded (the UI's
 * pre-compressed assets), marked `no-transform`, or sent as attachments —
 * the exports, which stream while the database is read — pass untouched,
 * and so does an ETag: it names the record's version, which If-Match
 * compares whatever the coding.
 *
 * @example
 * app.use("*", compressResponses());
 */
export function compressResponses({ minBytes = compressMinBytes } = {}): MiddlewareHandler<AppEnv> {
  return async function compressResponses(c, next) {
    await next();
    const res = c.res;
    // Headers only until the answer is to be compressed: reading the body (even `res.body`)
    // turns the node adapter's lightweight response into a full one, headers copied.
    const headers = res.headers;
    if (
      res.status === 204 ||
      res.status === 304 ||
      headers.has("Content-Encoding") ||
      !compressible.test(headers.get("Content-Type") ?? "") ||
      headers.get("Content-Disposition")?.startsWith("attachment") ||
      /\bno-transform\b/i.test(headers.get("Cache-Control") ?? "")
    )
      return;
    varyOnEncoding(headers);
    const coding = acceptedEncoding(c.req.header("Accept-Encoding"));
    const length = headers.get("Content-Length");
    if (coding === "identity" || (length !== null && Number(length) < minBytes)) return;
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.length < minBytes) {
      c.res = new Response(body, res);
      return;
    }
    c.res = new Response(new Uint8Array(await compressors[coding](body)), res);
    c.res.headers.set("Content-Encoding", coding);
    c.res.headers.delete("Content-Length");
  };
}
