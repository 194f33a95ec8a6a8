import { ApiError } from "./api-error.ts";
import { tr } from "../i18n/text.ts";

/** PostgreSQL's page holds a row of at most this many bytes (shown in its "row is too big" error). */
const rowTooBig = /^row is too big: size (\d+), maximum size (\d+)/;
const indexRowTooBig = /^index row (?:size|requires) (\d+).*?maximum (\d+) for index "([^"]+)"/;

const grouped = (n: string) => Number(n).toLocaleString("en");

/**
 * The 4xx for a database error that input caused and no route foresaw: what
 * PostgreSQL cannot store (U+0000), a number beyond its column, a row or
 * index entry beyond a page, a table beyond 1,600 columns. Routes check what
 * they can name better first; this is the backstop, so that such input is
 * never answered as a server fault. Anything else stays a 500.
 */
export function databaseLimitError(err: unknown): ApiError | undefined {
  const { code, message = "" } = err as { code?: unknown; message?: string };
  if (typeof code !== "string") return undefined;
  switch (code) {
    case "22021": // invalid byte sequence (U+0000 in a text parameter)
    case "22P05": // untranslatable character (\u0000 in jsonb)
      return ApiError.badRequest(
        tr("the request holds the character U+0000, which cannot be stored"),
      );
    case "22003": // numeric value out of range
      return ApiError.badRequest(
        tr("a number in the request is out of range for where it is stored"),
      );
    case "54001": // statement too complex (stack depth)
      return ApiError.badRequest(tr("the request is nested too deeply to process"));
    case "54011": // too many columns
      return ApiError.conflict(
        "too_many_columns",
        tr("the table has reached PostgreSQL's limit of 1,600 columns (deleted fields included)"),
      );
    case "54000": {
      const row = rowTooBig.exec(message);
      if (row) return recordTooLarge(row[1]!, row[2]!);
      const index = indexRowTooBig.exec(message);
      if (index) {
        return new ApiError(
          400,
          "value_too_long",
          tr(
            'a value is too long for the index "{index}" ({bytes} bytes; at most {max}): shorten it',
            {
              index: index[3]!,
              bytes: grouped(index[1]!),
              max: grouped(index[2]!),
            },
          ),
          { index: index[3]!, bytes: Number(index[1]), max: Number(index[2]) },
        );
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function recordTooLarge(size: string, max: string): ApiError {
  return new ApiError(
    400,
    "record_too_large",
    tr(
      "the record is too large to store: its filled fields take {bytes} bytes of its row, and a row holds at most {max}. Long texts are kept outside the row, but every filled field still takes room in it; leave some fields empty",
      { bytes: grouped(size), max: grouped(max) },
    ),
    { bytes: Number(size), max: Number(max) },
  );
}
