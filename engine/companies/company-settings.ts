import { defaultLocale, isLocale, locales, type Locale } from "../../metadata/locale.ts";

/** Settings fixed when a company is created (design brief §3). */
export interface CompanySettings {
  timezone: string;
  currency: string;
  currencyDecimals: number;
  language: Locale;
}

export const defaultCompanySettings: CompanySettings = {
  timezone: "Asia/Shanghai",
  currency: "CNY",
  currencyDecimals: 2,
  language: defaultLocale,
};

/** Checks settings given on the command line; returns one message per wrong setting. */
export function checkCompanySettings(s: CompanySettings): string[] {
  const problems: string[] = [];
  try {
    new Intl.DateTimeFormat("en", { timeZone: s.timezone });
  } catch {
    problems.push(`timezone "${s.timezone}" is not an IANA time zone (for example Asia/Shanghai)`);
  }
  if (!/^[A-Z]{3}$/.test(s.currency))
    problems.push(`currency "${s.currency}" is not an ISO 4217 code such as CNY`);
  if (!Number.isInteger(s.currencyDecimals) || s.currencyDecimals < 0 || s.currencyDecimals > 4) {
    problems.push(
      `currency decimals must be a whole number from 0 to 4, not ${s.currencyDecimals}`,
    );
  }
  if (!isLocale(s.language))
    problems.push(`language must be ${locales.join(" or ")}, not "${String(s.language)}"`);
  return problems;
}
