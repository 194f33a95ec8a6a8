/** Offset (ms) of `timeZone` from UTC at the instant `utcMs`. */
function offsetAt(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * An instant shown as a `datetime-local` value in the company's time zone,
 * so every user reads "09:30" the way the company's clocks do.
 *
 * @example toZonedLocal("2026-05-01T01:30:00.000Z", "Asia/Shanghai") // "2026-05-01T09:30"
 */
export function toZonedLocal(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 16);
}

/** The instant of a `datetime-local` value read in `timeZone`, as the API's ISO UTC string. */
export function fromZonedLocal(local: string, timeZone: string): string {
  const asUtc = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
  if (Number.isNaN(asUtc)) return "";
  // Twice: the offset at the guessed instant may differ across a daylight-saving change.
  let ms = asUtc - offsetAt(asUtc, timeZone);
  ms = asUtc - offsetAt(ms, timeZone);
  return new Date(ms).toISOString();
}

/**
 * Whether `timeZone` reads a different time than the user's own clock (the
 * browser's zone) at the instant `utcMs`: only then is naming the zone news.
 * Compared by offset, so Asia/Chongqing is the same as Asia/Shanghai.
 */
export function differsFromUser(timeZone: string, utcMs = Date.now()): boolean {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return offsetAt(utcMs, timeZone) !== offsetAt(utcMs, own);
}

/** The zone's short name at an instant, e.g. "GMT+8". */
export function zoneName(timeZone: string, utcMs: number, locale: string): string {
  return (
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
      .formatToParts(new Date(utcMs))
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone
  );
}
