import type { DateParts } from "../metadata/number-pattern.ts";
import { zonedTime } from "../fields/zoned-time.ts";

/**
 * The calendar date of `instant` in `timeZone` (an IANA name): a number made
 * just after midnight in Shanghai belongs to the new day there, whatever the
 * server's or UTC's date is.
 */
export function dateInZone(instant: Date, timeZone: string): DateParts {
  const { year, month, day } = zonedTime(instant, timeZone);
  return { year: Number(year), month: Number(month), day: Number(day) };
}
