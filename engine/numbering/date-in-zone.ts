import type { DateParts } from "../metadata/number-pattern.ts";

/** Building a formatter costs far more than using one, and a process serves few time zones. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of `instant` in `timeZone` (an IANA name): a number made
 * just after midnight in Shanghai belongs to the new day there, whatever the
 * server's or UTC's date is.
 */
export function dateInZone(instant: Date, timeZone: string): DateParts {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "numeric",
      day: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatter.formatToParts(instant)) parts[p.type] = p.value;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}
