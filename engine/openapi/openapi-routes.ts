import type { Handler } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import type { OpenApiOptions } from "./build-openapi.ts";
import { OpenApiCache } from "./openapi-cache.ts";

/**
 * `GET /api/openapi.json`, behind the session: the document of the session's
 * company, built once per metadata version.
 *
 * @example
 * app.get("/api/openapi.json", session, serveOpenApi({ secureCookies: false }));
 */
export function serveOpenApi(options: OpenApiOptions): Handler<AppEnv> {
  const cache = new OpenApiCache(options);
  return function serveOpenApi(c) {
    return c.body(cache.get(c.var.company).json, 200, {
      "Content-Type": "application/json; charset=UTF-8",
    });
  };
}
