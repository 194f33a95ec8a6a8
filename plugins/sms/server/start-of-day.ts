const wallClock = (timeZone: string) =>
  new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });

/**
 * The instant the day of `at` began in `timeZone`: the daily limits count
 * from the company's midnight, not UTC's. On a day the clocks change the
 * offset of `at` is used, which moves that day's start by the hour changed.
 *
 * @example
 * startOfDay(new Date("2026-11-27T02:00:00Z"), "Asia/Shanghai") // 2026-11-26T16:00:00Z
 */
export function startOfDay(at: Date, timeZone: string): Date {
  const part = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<Intl.DateTimeFormatPartTypes, number>;
  const local = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
  const offset = local - Math.floor(at.getTime() / 1000) * 1000;
  return new Date(Date.UTC(part.year, part.month - 1, part.day) - offset);
}
