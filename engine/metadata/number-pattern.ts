import { tr, type Text } from "../i18n/text.ts";
/**
 * Document number patterns such as `SO{YYYY}{MM}-{seq:4}`: literal text,
 * date tokens, at most one `{prefix}` (the record's per-option prefix, see
 * `numbering.prefixes`) and exactly one sequence token. A pattern is parsed
 * once into an immutable token list; formatting never fails.
 */

export type DateToken = "YYYY" | "YY" | "MM" | "DD";

export type PatternToken =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "date"; readonly part: DateToken }
  | { readonly kind: "prefix" }
  /** `width` 0 means no padding (`{seq}`). */
  | { readonly kind: "seq"; readonly width: number };

/** When a series starts again from 1: the finest date token of the pattern decides. */
export type Period = "never" | "yearly" | "monthly" | "daily";

export interface NumberPattern {
  readonly source: string;
  readonly tokens: readonly PatternToken[];
  readonly period: Period;
  /** Whether it has `{prefix}`, which the numbering's `prefixes` then fill. */
  readonly hasPrefix: boolean;
}

/** A calendar date in the company's time zone. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A pattern that cannot be used; the message says what is wrong, for metadata errors. */
export class NumberPatternError extends Error {
  constructor(readonly text: Text) {
    super(text.toString());
  }
}

const dateTokens: Record<DateToken, Period> = {
  YYYY: "yearly",
  YY: "yearly",
  MM: "monthly",
  DD: "daily",
};
const periodRank: Record<Period, number> = { never: 0, yearly: 1, monthly: 2, daily: 3 };
const maxWidth = 12;
const knownTokens = "{YYYY}, {YY}, {MM}, {DD}, {prefix}, {seq}, {seq:N}";

/** Parses `source`; throws NumberPatternError naming the first problem. */
export function parsePattern(source: string): NumberPattern {
  const tokens: PatternToken[] = [];
  let literal = "";
  let period: Period = "never";
  let seqCount = 0;
  let prefixCount = 0;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "}")
      throw new NumberPatternError(
        tr('unbalanced braces: "}" at position {position} closes nothing', { position: i }),
      );
    if (ch !== "{") {
      literal += ch;
      i++;
      continue;
    }
    const close = source.indexOf("}", i + 1);
    const nested = source.indexOf("{", i + 1);
    if (close === -1 || (nested !== -1 && nested < close))
      throw new NumberPatternError(
        tr('unbalanced braces: "{" at position {position} is never closed', { position: i }),
      );
    const name = source.slice(i + 1, close);
    const token = parseToken(name);
    if (literal !== "") tokens.push(Object.freeze({ kind: "literal", text: literal }));
    literal = "";
    tokens.push(token);
    if (token.kind === "seq") seqCount++;
    if (token.kind === "prefix") prefixCount++;
    if (token.kind === "date" && periodRank[dateTokens[token.part]] > periodRank[period])
      period = dateTokens[token.part];
    i = close + 1;
  }
  if (literal !== "") tokens.push(Object.freeze({ kind: "literal", text: literal }));
  if (seqCount === 0)
    throw new NumberPatternError(
      tr("a pattern needs one sequence token, {plain} or {padded}", {
        plain: "{seq}",
        padded: "{seq:N}",
      }),
    );
  if (seqCount > 1)
    throw new NumberPatternError(
      tr("a pattern takes one sequence token, not {count}", { count: seqCount }),
    );
  if (prefixCount > 1)
    throw new NumberPatternError(
      tr("a pattern takes {prefix} once, not {count} times", {
        prefix: "{prefix}",
        count: prefixCount,
      }),
    );
  return Object.freeze({
    source,
    tokens: Object.freeze(tokens),
    period,
    hasPrefix: prefixCount > 0,
  });
}

function parseToken(name: string): PatternToken {
  if (Object.hasOwn(dateTokens, name))
    return Object.freeze({ kind: "date", part: name as DateToken });
  if (name === "prefix") return Object.freeze({ kind: "prefix" });
  if (name === "seq") return Object.freeze({ kind: "seq", width: 0 });
  if (name.startsWith("seq:")) {
    const width = name.slice(4);
    if (!/^[1-9][0-9]?$/.test(width) || Number(width) > maxWidth)
      throw new NumberPatternError(
        tr("{token}: the sequence width must be a whole number from 1 to {max}", {
          token: `{${name}}`,
          max: maxWidth,
        }),
      );
    return Object.freeze({ kind: "seq", width: Number(width) });
  }
  throw new NumberPatternError(
    tr("unknown token {token}; use {known}", { token: `{${name}}`, known: knownTokens }),
  );
}

/**
 * Which counter a number belongs to: the period's date, spelled the same
 * whatever date tokens the pattern uses (`{YY}` counts per full year).
 */
export function periodKey(pattern: NumberPattern, date: DateParts): string {
  const y = String(date.year).padStart(4, "0");
  const m = pad2(date.month);
  switch (pattern.period) {
    case "never":
      return "";
    case "yearly":
      return y;
    case "monthly":
      return `${y}-${m}`;
    case "daily":
      return `${y}-${m}-${pad2(date.day)}`;
  }
}

/**
 * The number `seq` of the pattern on `date`, with `prefix` for `{prefix}`; a
 * sequence that outgrows its padding keeps counting.
 */
export function formatNumber(
  pattern: NumberPattern,
  date: DateParts,
  seq: number,
  prefix = "",
): string {
  return pattern.tokens
    .map((t) => {
      if (t.kind === "literal") return t.text;
      if (t.kind === "prefix") return prefix;
      if (t.kind === "seq") return String(seq).padStart(t.width, "0");
      switch (t.part) {
        case "YYYY":
          return String(date.year).padStart(4, "0");
        case "YY":
          return pad2(date.year % 100);
        case "MM":
          return pad2(date.month);
        case "DD":
          return pad2(date.day);
      }
    })
    .join("");
}

/** The length of the first number of a period with `prefix`: the shortest such a number can be. */
export function minimumLength(pattern: NumberPattern, prefix = ""): number {
  return formatNumber(pattern, { year: 2000, month: 1, day: 1 }, 1, prefix).length;
}

/**
 * The name of the series a number counts in: the pattern with its prefix
 * filled in and the sequence's width left out. Numbers of different series
 * differ in their text, so each series counts alone (a prefix per customer
 * type, a new pattern) and a pattern changed back continues its old series
 * instead of issuing its numbers again; a wider `{seq:N}` continues too.
 */
export function seriesName(pattern: NumberPattern, prefix = ""): string {
  return pattern.tokens
    .map((t) => {
      if (t.kind === "literal") return t.text;
      if (t.kind === "prefix") return prefix;
      if (t.kind === "seq") return "{seq}";
      return `{${t.part}}`;
    })
    .join("");
}

const pad2 = (n: number) => String(n).padStart(2, "0");
