import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

const plainName = "sid";
/** Over HTTPS the `__Host-` prefix pins the cookie to this host and path (no Domain, Secure, Path=/). */
const hostName = "__Host-sid";

/**
 * Over HTTPS only the `__Host-` cookie counts: a plain `sid` could have been
 * set by a sibling subdomain (cookie tossing) to plant another session.
 */
export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, secure ? hostName : plainName);
}

export function writeSessionCookie(
  c: Context,
  token: string,
  secure: boolean,
  maxAgeSeconds: number,
): void {
  setCookie(c, secure ? hostName : plainName, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, secure ? hostName : plainName, { path: "/", secure });
}
