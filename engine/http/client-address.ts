import type { Context } from "hono";

/**
 * The address a request came from: the socket's peer, or the first
 * X-Forwarded-For entry when the server is configured to sit behind a proxy
 * it trusts (otherwise any client could pick its own address).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}
