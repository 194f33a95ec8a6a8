import type { Context } from "hono";

/** Longer than any IPv6 address with a zone: an entry past it is not an address. */
const maxAddressLength = 100;

/**
 * The address a request came from: the socket's peer, or, behind `hops`
 * trusted reverse proxies, the X-Forwarded-For entry the outermost of them
 * added. Each proxy appends the address it was reached from, so entries are
 * read from the right: whatever a client wrote itself stays on the left,
 * where it is never taken.
 *
 * @example
 *   // hops 1, "X-Forwarded-For: 6.6.6.6, 203.0.113.7" (the first entry forged)
 *   clientAddress(c, 1) // "203.0.113.7"
 */
export function clientAddress(c: Context, hops: number): string {
  if (hops > 0) {
    const entries = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter((e) => e !== "");
    const entry = entries[Math.max(0, entries.length - hops)];
    if (entry) return entry.slice(0, maxAddressLength);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}
