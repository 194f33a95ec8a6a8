import { locale } from "../i18n/i18n.ts";
import { differsFromUser, toZonedLocal, zoneName } from "./zoned-time.ts";

/**
 * A decimal string grouped for reading, keeping every digit (no float
 * rounding); with a currency, its symbol as people write it ("¥", not "CN¥"
 * or "CNY": a company keeps its books in one currency).
 */
export function formatDecimal(value: string, scale: number, currency?: string): string {
  const options: Intl.NumberFormatOptions = {
    minimumFractionDigits: scale,
    maximumFractionDigits: scale,
    ...(currency ? { style: "currency", currency, currencyDisplay: "narrowSymbol" } : {}),
  };
  // Intl formats decimal strings exactly (Intl.NumberFormat v3).
  return new Intl.NumberFormat(locale(), options).format(value as unknown as number);
}

/** The company's money settings, as /api/meta gives them. */
interface MoneySettings {
  currency: string;
  currencyDecimals: number;
  currencySymbol?: string;
}

/** An amount in the company's currency: its own symbol when its admin chose one, else the usual one. */
export function formatMoney(value: string, settings: MoneySettings): string {
  const { currency, currencyDecimals: scale, currencySymbol: own } = settings;
  if (!own) return formatDecimal(value, scale, currency);
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: scale,
    maximumFractionDigits: scale,
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
  })
    .formatToParts(value as unknown as number)
    .map((p) => (p.type === "currency" ? own : p.value))
    .join("");
}

/** The symbol of the company's currency as amounts show it, e.g. "¥" for CNY, or its own. */
export function currencySymbol(
  settings: Pick<MoneySettings, "currency" | "currencySymbol">,
): string {
  const { currency } = settings;
  if (settings.currencySymbol) return settings.currencySymbol;
  return (
    new Intl.NumberFormat(locale(), {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
    })
      .formatToParts(0)
      .find((p) => p.type === "currency")?.value ?? currency
  );
}

/**
 * An instant as the company's clocks read it, "2026-05-01 09:30"; followed by
 * the zone ("2026-05-01 09:30 GMT+8") only for a user whose own clock differs.
 */
export function formatInstant(iso: string, timeZone: string): string {
  const local = toZonedLocal(iso, timeZone).replace("T", " ");
  const ms = Date.parse(iso);
  return differsFromUser(timeZone, ms) ? `${local} ${zoneName(timeZone, ms, locale())}` : local;
}
