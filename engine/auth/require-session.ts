import { loadAccess } from "../access/load-access.ts";
import { restrictCompany } from "../access/restrict-company.ts";
import { viewAs, viewAsHeader } from "../access/view-as.ts";
import { createMiddleware } from "hono/factory";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { AuthDeps } from "./auth-deps.ts";
import { useCompanyLocale } from "../i18n/request-locale.ts";
import { tr } from "../i18n/text.ts";
import { metaVersion } from "../meta/meta-view.ts";
import { readSessionCookie } from "./session-cookie.ts";
import { parseToken } from "./session-token.ts";
import { validateSession } from "./sessions.ts";

/**
 * Opens the request's session and its company context, or answers 401. The
 * session query also returns the company's metadata head, so a metadata
 * change made by another process is seen on the very next request.
 */
export function requireSession(deps: AuthDeps) {
  return createMiddleware<AppEnv>(async function requireSession(c, next) {
    const token = parseToken(readSessionCookie(c, deps.secureCookies) ?? "");
    const company = token && (await deps.companies.find(token.company));
    if (!token || !company) throw ApiError.unauthenticated();
    useCompanyLocale(company.settings.language);
    await deps.companies.ready(company);
    const session = await validateSession(
      deps.database.db,
      company.schema_name,
      token,
      deps.now(),
      deps.sessionPolicy,
    );
    if (!session) throw ApiError.unauthenticated();
    c.set("session", session);
    const full = await deps.companies.get(company, session.metaHead);
    const previewed = c.req.header(viewAsHeader);
    const { actor, grant } =
      previewed === undefined
        ? await loadAccess(
            deps.database.db,
            company.schema_name,
            session.user,
            session.accessVersion,
          )
        : await viewAs(c, deps, full, previewed);
    const context = restrictCompany(full, grant);
    c.set("company", context);
    c.set("actor", actor);
    // On every answer, so that a client notices an admin's change wherever it looks.
    // Set before the route runs: a header added to a finished response makes the
    // node adapter rebuild it, which costs more than the query.
    c.header("X-Meta-Version", metaVersion(context));
    await next();
  });
}

/** Lets only company admins through. */
export const requireAdmin = createMiddleware<AppEnv>(async function requireAdmin(c, next) {
  if (!c.var.session.user.isAdmin) throw ApiError.forbidden(tr("only a company admin may do this"));
  await next();
});
