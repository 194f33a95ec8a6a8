import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";
import { maxColumns, type ColumnRoom } from "../sync/column-room.ts";

/** The 409 of a field that would take a table beyond PostgreSQL's column limit. */
export function noColumnLeft(entity: string, room: ColumnRoom): ApiError {
  return ApiError.conflict(
    "too_many_columns",
    tr(
      "{entity} has {used} columns ({dropped} of them kept for deleted fields), the most a PostgreSQL table can hold: {left} columns remain, and a field needs 1",
      { entity, used: room.used, dropped: room.dropped, left: room.left },
    ),
    { used: room.used, dropped: room.dropped, left: room.left, max: maxColumns },
  );
}
