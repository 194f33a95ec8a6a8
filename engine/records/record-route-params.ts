import { uuidSource } from "../fields/uuid-pattern.ts";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";

/** Record ids are UUIDs: routes take only that shape, so `/export`, `/batch` or `/import` never match `:id`. */
export const id = `{${uuidSource}}`;

/** `"3"`, `W/"3"` or `3` → 3; anything else → a 400, absence → undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m)
    throw ApiError.badRequest(
      tr('If-Match must carry a record version such as "3", not {header}', {
        header: header.slice(0, 40),
      }),
    );
  return Number(m[1]);
}
