import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.ts";
import type { DeclaredRoute } from "./routes.ts";

/**
 * The path as the gate judges it: decoded, repeated slashes collapsed, lower
 * case. Any spelling of an /api path (`/API/meta`, `//api/meta`,
 * `/api/%6Deta`) is checked like the plain one.
 */
export function normalizePath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Malformed escapes stay as they are: still judged, never routed anywhere public.
  }
  return decoded.replace(/\/{2,}/g, "/").toLowerCase();
}

/**
 * Requires a session for every request to /api except the routes declared
 * public, whether or not a route matches: an unknown or oddly spelled path
 * answers 401 to a stranger, not 404, so nothing is learnt without a session.
 */
export function apiGate(
  declared: readonly DeclaredRoute[],
  session: MiddlewareHandler<AppEnv>,
): MiddlewareHandler<AppEnv> {
  const open = () =>
    new Set(declared.filter((r) => r.policy === "public").map((r) => `${r.method} ${r.path}`));
  let publicRoutes: Set<string> | undefined;
  return async function apiGate(c, next) {
    const path = normalizePath(c.req.path);
    if (path !== "/api" && !path.startsWith("/api/")) return next();
    publicRoutes ??= open();
    // Public only as declared, spelled exactly: any other spelling is judged like a private path.
    const method = c.req.method === "HEAD" ? "GET" : c.req.method;
    if (publicRoutes.has(`${method} ${c.req.path}`)) return next();
    return session(c, next);
  };
}
