const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** A bare "YYYY-MM-DD": on a datetime field it means the whole day in the company's timezone. */
export const isDateOnly = (value: unknown): value is string =>
  typeof value === "string" && dateOnly.test(value);

/**
 * The calendar day after `day` ("2026-12-31" → "2027-01-01"), or null after
 * 9999-12-31, the last day a date field accepts: a range ending there is open.
 */
export function nextDay(day: string): string | null {
  if (day === "9999-12-31") return null;
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
