import type { Context } from "hono";
import type { CompanyContext } from "../companies/company-context.ts";
import { audit } from "../audit/audit-log.ts";
import type { CoreDeps } from "../companies/core-deps.ts";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import { normalizePath } from "../http/api-gate.ts";
import { loadAccess, type UserAccess } from "./load-access.ts";
import { tr } from "../i18n/text.ts";
import { noRecord } from "../records/record-texts.ts";
import { systemTables } from "../db/system-tables.ts";

/** The request header with which an admin previews the API as another user sees it. */
export const viewAsHeader = "X-View-As";

/** The reads a preview may make: what a user's screens read. */
const userIdPattern = new RegExp(`^${uuidSource}$`);

const previewable = ["/api/meta", "/api/data/", "/api/search", "/api/openapi.json", "/api/prefs/"];

/**
 * "View as" (issue "Organisation and permissions 2/2"): a company admin's GET
 * with `X-View-As: <user id>` is answered as that user would be answered —
 * their modules, fields, scope and shares — without a session of theirs. It
 * is read-only (any other method is refused), limited to what screens read,
 * and every such request is audited with who looked, as whom, at what.
 */
export async function viewAs(
  c: Context<AppEnv>,
  deps: CoreDeps,
  company: CompanyContext,
  userId: string,
): Promise<UserAccess> {
  const { session } = c.var;
  if (!session.user.isAdmin)
    throw ApiError.forbidden(
      tr("only a company admin may send {header}", { header: viewAsHeader }),
    );
  if (c.req.method !== "GET" && c.req.method !== "HEAD")
    throw ApiError.forbidden(
      tr("{header} previews are read-only: {method} is refused", {
        header: viewAsHeader,
        method: c.req.method,
      }),
    );
  const path = normalizePath(c.req.path);
  if (!previewable.some((p) => path === p || path.startsWith(p.endsWith("/") ? p : `${p}/`)))
    throw ApiError.badRequest(
      tr("{header} applies to {paths}, not {path}", {
        header: viewAsHeader,
        paths: "/api/meta, /api/data, /api/search, /api/prefs, /api/openapi.json",
        path: c.req.path.slice(0, 200),
      }),
    );
  if (!userIdPattern.test(userId))
    throw ApiError.badRequest(tr("{header} must be a user id", { header: viewAsHeader }), {
      [viewAsHeader]: userId.slice(0, 40),
    });
  const user = await systemTables(deps.database.db, company.schema)
    .selectFrom("sys_user")
    .select(["id", "username", "is_admin"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) throw ApiError.notFound(noRecord(tr("user"), userId));
  await audit(deps.database.db, company.schema, c, deps.now(), deps.trustProxy, {
    action: "viewed_as",
    actor: session.user,
    target: user.username,
    detail: { user: user.id, method: c.req.method, path: c.req.path },
  });
  return loadAccess(
    deps.database.db,
    company.schema,
    { id: user.id, isAdmin: user.is_admin },
    session.accessVersion,
  );
}
