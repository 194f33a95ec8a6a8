/**
 * A numbering pattern as the designer edits it: text, an optional per-option
 * prefix, the date, a separator and the sequence's width, in that order. Other
 * patterns (text after the sequence, a date before the text) are edited as text.
 */
export interface PatternParts {
  text: string;
  perOption: boolean;
  date: string;
  separator: string;
  width: number;
}

/** The date choices, finest last: the finest token decides when the count restarts. */
export const dateChoices = [
  "",
  "{YYYY}",
  "{YY}",
  "{YYYY}{MM}",
  "{YY}{MM}",
  "{YYYY}{MM}{DD}",
  "{YY}{MM}{DD}",
] as const;

const shape = /^([^{}]*)(\{prefix\})?((?:\{(?:YYYY|YY|MM|DD)\})*)([^{}]*)\{seq(?::(\d{1,2}))?\}$/;

/** The parts of `pattern`, or undefined when it has another shape. */
export function patternParts(pattern: string): PatternParts | undefined {
  const m = shape.exec(pattern);
  if (!m || !(dateChoices as readonly string[]).includes(m[3]!)) return undefined;
  return {
    text: m[1]!,
    perOption: m[2] !== undefined,
    date: m[3]!,
    separator: m[4]!,
    width: m[5] ? Number(m[5]) : 0,
  };
}

export function partsPattern(p: PatternParts): string {
  const seq = p.width > 0 ? `{seq:${p.width}}` : "{seq}";
  return `${p.text}${p.perOption ? "{prefix}" : ""}${p.date}${p.separator}${seq}`;
}

/** When the count starts again from 1, as the finest date token says. */
export function resetOf(pattern: string): "never" | "yearly" | "monthly" | "daily" {
  if (pattern.includes("{DD}")) return "daily";
  if (pattern.includes("{MM}")) return "monthly";
  if (pattern.includes("{YY")) return "yearly";
  return "never";
}
