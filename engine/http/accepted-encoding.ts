/** A content coding the engine sends: brotli, gzip, or the body as it is. */
export type ContentCoding = "br" | "gzip" | "identity";

/** Entries of one header read at most: a real browser sends four or five. */
const maxEntries = 32;

/** RFC 9110's qvalue: 0 to 1 with at most three decimals. */
const qvalue = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The coding to answer a request with, from its `Accept-Encoding` (RFC 9110
 * §12.5.3): the acceptable one (q > 0, named or through `*`) with the highest
 * weight, brotli on a tie as it is the smaller; `identity` when neither is
 * acceptable, header absent or not. A malformed weight makes its entry
 * unacceptable rather than the whole header wrong.
 *
 * @example
 * acceptedEncoding("gzip, deflate, br, zstd") // "br"
 * acceptedEncoding("br;q=0.5, gzip")          // "gzip"
 * acceptedEncoding("*;q=0")                   // "identity"
 */
export function acceptedEncoding(header: string | null | undefined): ContentCoding {
  if (!header) return "identity";
  const weights = new Map<string, number>();
  for (const entry of header.split(",", maxEntries)) {
    const [name = "", ...params] = entry.split(";");
    const coding = name.trim().toLowerCase();
    if (!coding) continue;
    let weight = 1;
    for (const param of params) {
      const [key = "", value = ""] = param.split("=");
      if (key.trim().toLowerCase() !== "q") continue;
      const q = value.trim();
      weight = qvalue.test(q) ? Number(q) : 0;
    }
    weights.set(coding === "x-gzip" ? "gzip" : coding, weight);
  }
  const any = weights.get("*") ?? 0;
  const br = weights.get("br") ?? any;
  const gzip = weights.get("gzip") ?? any;
  if (br <= 0 && gzip <= 0) return "identity";
  return br >= gzip ? "br" : "gzip";
}
