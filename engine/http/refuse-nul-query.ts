import type { MiddlewareHandler } from "hono";
import { ApiError } from "./api-error.ts";
import type { AppEnv } from "./app-env.ts";
import { fieldTexts } from "./field-texts.ts";

/**
 * Refuses a request whose path or query string holds U+0000 (`%00`) with a
 * 400 naming the parameter: PostgreSQL text cannot hold it, so it would
 * otherwise fail in SQL, or midway through a streamed answer. Requests
 * without `%00` (nearly all) cost one substring search.
 */
export function refuseNulQuery(): MiddlewareHandler<AppEnv> {
  return async function refuseNulQuery(c, next) {
    const url = c.req.url;
    if (!url.includes("%00")) return next();
    const { pathname, searchParams } = new URL(url);
    if (safeDecode(pathname).includes("\u0000")) throw nul("path");
    for (const [name, value] of searchParams) {
      if (name.includes("\u0000") || value.includes("\u0000")) throw nul(name);
    }
    return next();
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const nul = (name: string) =>
  ApiError.invalidRequest([
    {
      field: name.replaceAll("\u0000", "\\u0000").slice(0, 100),
      rule: "nul",
      message: fieldTexts.nul(),
    },
  ]);
