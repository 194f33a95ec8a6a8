/**
 * Text → JS conversions shared by both drivers, so that the same rows give
 * byte-identical JSON on PGlite and on PostgreSQL (the data contract of
 * design brief §8). Both drivers run their sessions with TimeZone=UTC.
 */
export const pgTypeOids = {
  int8: 20,
  json: 114,
  date: 1082,
  timestamptz: 1184,
  numeric: 1700,
  jsonb: 3802,
} as const;

const timestampPattern = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d+))?([+-]\d\d(?::?\d\d)?)$/;

/** `2026-11-27 02:55:41.12345+00` → `2026-11-27T02:55:41.123Z` (milliseconds, UTC). */
export function parseTimestamptz(text: string): string {
  // Sessions run in UTC, so nearly every value takes this path, which builds no Date.
  if (text.length >= 22 && text.endsWith("+00") && text[10] === " " && text[19] !== ":") {
    const fraction = text[19] === "." ? text.slice(20, -3) : "";
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.slice(0, 3).padEnd(3, "0")}Z`;
  }
  const m = timestampPattern.exec(text);
  if (!m) return text;
  const [, date, time, fraction = "", offset = "+00"] = m;
  const millis = fraction.slice(0, 3).padEnd(3, "0");
  const iso = `${date}T${time}.${millis}${offset.length === 3 ? `${offset}:00` : offset}`;
  return new Date(iso).toISOString();
}

export function parseInt8(text: string): number {
  return Number(text);
}

export const textParsers: Record<number, (text: string) => unknown> = {
  [pgTypeOids.int8]: parseInt8,
  [pgTypeOids.numeric]: (text) => text,
  [pgTypeOids.date]: (text) => text,
  [pgTypeOids.timestamptz]: parseTimestamptz,
  [pgTypeOids.json]: (text) => JSON.parse(text) as unknown,
  [pgTypeOids.jsonb]: (text) => JSON.parse(text) as unknown,
};
