import { zonedTime } from "./zoned-time.ts";

/** A cell as a spreadsheet user expects it: real numbers and dates in XLSX, text in CSV. */
export type Cell =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number; text: string; format: string }
  | { kind: "date"; value: Date; text: string; format: string };

export const emptyCell: Cell = { kind: "empty" };

/**
 * Text a spreadsheet would run as a formula (or as DDE): one beginning with
 * TAB or CR, or with `= + - @` or their full-width forms (`＝ ＋ － ＠`, which
 * Excel with a Chinese or Japanese input method reads as the ASCII ones,
 * and the small forms `﹦ ﹢ ﹣ ﹫`) after any run of what a user cannot see:
 * spaces, line breaks, NBSP, the ideographic space, zero-width and
 * direction marks, the byte-order mark. A leading apostrophe makes it plain
 * text (OWASP's advice).
 */
const formulaLike =
  /^(?:[\t\r]|[\s\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b])/;
export const neutralise = (text: string) => (formulaLike.test(text) ? `'${text}` : text);

/** A text cell that no spreadsheet runs as a formula. */
export const textCell = (value: string): Cell => ({ kind: "text", text: neutralise(value) });

/** A number cell shown with `scale` decimals and thousands grouped. */
export function decimalCell(value: string, scale: number): Cell {
  const format = scale > 0 ? `#,##0.${"0".repeat(scale)}` : "#,##0";
  return { kind: "number", value: Number(value), text: value, format };
}

/**
 * An instant as the company's wall-clock time. Spreadsheet dates have no
 * zone: the cell holds the local time, as a user there would type it.
 */
export function localDateTime(iso: string, timeZone: string): Cell {
  const p = zonedTime(new Date(iso), timeZone);
  const local = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  return {
    kind: "date",
    value: new Date(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`),
    text: local,
    format: "yyyy-mm-dd hh:mm:ss",
  };
}
