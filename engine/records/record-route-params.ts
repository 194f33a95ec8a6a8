import { Type } from "@sinclair/typebox";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { ApiError } from "../http/api-error.ts";
import { withProblemText } from "../http/problem-text.ts";
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

/** The `:id` of a record route. */
export const recordId = Type.String({
  format: "uuid",
  pattern: `^${uuidSource}$`,
  description: "The record's id, a lower-case UUID (v7).",
});

/** An optional If-Match: the change then happens only on the version read. */
export const optionalIfMatch = Type.Object({
  "If-Match": Type.Optional(
    withProblemText(
      Type.String({
        pattern: '^\\s*(W/)?"?[0-9]{1,9}"?\\s*$',
        description:
          'The version of the record you read, such as `"3"`: the change then happens only if nobody changed it since (409 `stale` otherwise).',
        examples: ['"3"'],
      }),
      (value) =>
        tr('must carry a record version such as "3", not {header}', {
          header: String(value).slice(0, 40),
        }),
    ),
  ),
});

/** The ETag of an answer that carries a record. */
export const etagHeader = {
  ETag: {
    description: 'The record\'s version, such as `"3"`: send it back as If-Match to change it.',
    schema: Type.String({ pattern: '^"[0-9]+"$' }),
  },
};
