import type { Context } from "hono";
import { ApiError } from "./api-error.ts";
import { parseJsonInput } from "./json-input.ts";
import { tr } from "../i18n/text.ts";

/**
 * Reads a JSON object body; 415 for another content type, 400 for broken or
 * non-object JSON, for nesting beyond `maxJsonDepth` and for U+0000 anywhere
 * in it (json-input.ts), so that no route has to guard against either.
 */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      tr("send the body as Content-Type: application/json"),
    );
  }
  const body = parseJsonInput(await c.req.text());
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw ApiError.badRequest(tr("the body must be a JSON object"));
  }
  return body as Record<string, unknown>;
}
