import { joinTexts, tr, type Text } from "../i18n/text.ts";

/** One broken rule, located by source (file or overlay version) and JSON pointer. */
export interface MetadataProblem {
  source: string;
  pointer: string;
  rule: Text;
}

export const formatProblem = (p: MetadataProblem) => `${p.source}#${p.pointer}: ${p.rule}`;

/** Every problem as one message for a user, in their language. */
export const problemsText = (problems: readonly MetadataProblem[]): Text =>
  joinTexts(
    problems.map((p) => tr("{where}: {rule}", { where: `${p.source}#${p.pointer}`, rule: p.rule })),
    "; ",
  );

/** Metadata that cannot be used; the message lists every problem found. */
export class MetadataInvalidError extends Error {
  constructor(readonly problems: MetadataProblem[]) {
    super(`invalid metadata:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export const pointerSegment = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
export const pointer = (...segments: (string | number)[]) =>
  segments.map((s) => `/${pointerSegment(String(s))}`).join("");
