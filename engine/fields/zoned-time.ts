/** Building a formatter costs far more than using one, and a process serves few time zones. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A wall-clock time, each part zero-padded: `{year: "2026", month: "01", day: "05", hour: "09", …}`. */
export interface ZonedTime {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/**
 * What a clock in `timeZone` (an IANA name) shows at `instant`: the date a
 * user there lives in, whatever the server's or UTC's date is.
 */
export function zonedTime(instant: Date, timeZone: string): ZonedTime {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter.formatToParts(instant)) p[part.type] = part.value;
  return {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    hour: p.hour!,
    minute: p.minute!,
    second: p.second!,
  };
}
