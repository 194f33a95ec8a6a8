/**
 * The tokens of the engine's quick-search index: every pair of neighbouring
 * characters (bigram) of a text, case folded, plus every single character
 * beyond ASCII. A term found inside a text has all its pairs among the
 * text's, so the index answers "which rows can contain it" for any term of
 * two characters or more — two Chinese characters included, which trigram
 * indexes cannot serve — and for one Chinese character. The row is then
 * checked by ILIKE, which decides.
 *
 * @example
 * textGrams(["北京恒达"]) // ["北", "北京", "京", "京恒", "恒", "恒达", "达"]
 * termGrams("恒达")       // ["恒达"]
 * termGrams("2345")       // ["23", "34", "45"]
 */

/**
 * Terms longer than this are looked up by their first pairs only: a few
 * pairs already narrow the rows to a handful, and ILIKE checks the rest.
 */
const maxTermGrams = 12;

/**
 * One character folded as ILIKE folds it: lower case, one code point (JavaScript lowers
 * `İ` to two, and a final `Σ` by its context, where PostgreSQL looks at one character).
 */
function fold(char: string): string {
  return String.fromCodePoint(char.toLowerCase().codePointAt(0)!);
}

const folded = (text: string) => Array.from(text, fold);

/** Beyond ASCII one character is rare enough to look up alone (a surname, a Chinese word). */
const standsAlone = (char: string) => char.codePointAt(0)! > 0x7f;

/** The tokens a row's texts are indexed by, each once. */
export function textGrams(texts: readonly string[]): string[] {
  const grams = new Set<string>();
  for (const text of texts) {
    const chars = folded(text);
    chars.forEach((char, i) => {
      if (standsAlone(char)) grams.add(char);
      if (i + 1 < chars.length) grams.add(char + chars[i + 1]!);
    });
  }
  return [...grams];
}

/**
 * Tokens every row containing `term` has: all its pairs, overlapping. Side
 * by side pairs alone (`2345` → 23, 45) let through four times as many
 * phone numbers for ILIKE to check (14,803 rows against 3,818 for 803
 * matches): a digit pair is common, three of them in a row are not. Empty
 * when the term is one ASCII character, which the index cannot narrow
 * (nearly every row has it).
 */
export function termGrams(term: string): string[] {
  const chars = folded(term);
  if (chars.length === 1) return standsAlone(chars[0]!) ? chars : [];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length && grams.size < maxTermGrams; i++)
    grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}
