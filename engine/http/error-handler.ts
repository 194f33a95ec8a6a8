import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { tr } from "../i18n/text.ts";
import { ApiError } from "./api-error.ts";
import { databaseLimitError } from "./database-limit-error.ts";

/** Turns anything thrown by a route into the API's error shape; internals never leak. */
export function handleError(err: Error, c: Context) {
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? "too_large" : "http_error";
    return c.json(
      { error: { code, message: err.message || tr("request refused"), details: null } },
      status,
    );
  }
  const known = err instanceof ApiError ? err : databaseLimitError(err);
  if (known && !(err instanceof ApiError)) {
    // Input a route did not check: answered as such, and logged so that the route gets its check.
    console.warn(`[${c.req.method} ${c.req.path}] refused by the database: ${err.message}`);
  }
  if (known) {
    return c.json(
      { error: { code: known.code, message: known.text, details: known.details ?? null } },
      known.status,
      known.headers,
    );
  }
  console.error(`[${c.req.method} ${c.req.path}]`, err);
  return c.json({ error: { code: "internal", message: tr("internal error"), details: null } }, 500);
}
