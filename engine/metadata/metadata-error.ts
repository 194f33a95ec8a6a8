/** One broken rule, located by source (file or overlay version) and JSON pointer. */
export interface MetadataProblem {
  source: string;
  pointer: string;
  rule: string;
}

export const formatProblem = (p: MetadataProblem) => `${p.source}#${p.pointer}: ${p.rule}`;

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
