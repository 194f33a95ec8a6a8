import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { tr } from "../i18n/text.ts";
import { ApiError } from "./api-error.ts";

/** Turns anything thrown by a route into the API's error shape; internals never leak. */
export function handleError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    return c.json(
      { error: { code: err.code, message: err.text, details: err.details ?? null } },
      err.status,
      err.headers,
    );
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? "too_large" : "http_error";
    return c.json(
      { error: { code, message: err.message || tr("request refused"), details: null } },
      status,
    );
  }
  console.error(`[${c.req.method} ${c.req.path}]`, err);
  return c.json({ error: { code: "internal", message: tr("internal error"), details: null } }, 500);
}
