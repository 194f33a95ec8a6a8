import { createMiddleware } from "hono/factory";
import { ApiError } from "./api-error.ts";
import type { AppEnv } from "./app-env.ts";
import { tr } from "../i18n/text.ts";

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Refuses state-changing requests that a browser sent from another site
 * (design brief §4). `Sec-Fetch-Site` decides when present; otherwise
 * `Origin` must be this server's own (the configured public URL, else the
 * request's host). A request with neither header did not come from a browser
 * page and is judged by its session alone (browsers omit Sec-Fetch-Site on
 * plain-HTTP LAN addresses).
 */
export function sameOrigin(publicUrl: string | undefined) {
  const configured = publicUrl ? new URL(publicUrl).origin : undefined;
  return createMiddleware<AppEnv>(async function sameOrigin(c, next) {
    if (!unsafeMethods.has(c.req.method)) return next();
    const site = c.req.header("sec-fetch-site");
    if (site !== undefined) {
      if (site !== "same-origin" && site !== "none") throw crossSite(`Sec-Fetch-Site is ${site}`);
      return next();
    }
    const origin = c.req.header("origin");
    if (origin !== undefined) {
      // The URL the server was addressed by (from Host, or :authority on HTTP/2).
      const own = configured ?? new URL(c.req.url).origin;
      if (origin !== own) throw crossSite(`Origin ${origin} is not ${own}`);
    }
    return next();
  });
}

const crossSite = (why: string) =>
  new ApiError(
    403,
    "cross_site",
    tr("refused a state-changing request from another site ({why})", { why }),
  );
