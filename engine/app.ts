import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { adminRoutes } from "./admin/admin-routes.ts";
import { optionsRoutes } from "./admin/options-routes.ts";
import { authRoutes } from "./auth/auth-routes.ts";
import { requireAdmin, requireSession } from "./auth/require-session.ts";
import type { EngineDeps } from "./engine-deps.ts";
import { ApiError } from "./http/api-error.ts";
import type { AppEnv } from "./http/app-env.ts";
import { handleError } from "./http/error-handler.ts";
import { healthRoutes } from "./http/health-routes.ts";
import { metaRoutes } from "./meta/meta-routes.ts";
import { openApiRoutes } from "./openapi/openapi-routes.ts";
import { recordRoutes } from "./records/record-routes.ts";
import { searchRoutes } from "./search/search-routes.ts";
import { departmentRoutes } from "./org/department-routes.ts";
import { userRoutes } from "./org/user-routes.ts";
import { userCredentials } from "./auth/user-credentials.ts";
import { roleRoutes } from "./org/role-routes.ts";
import { whyRoutes } from "./access/why-routes.ts";
import { recordAccessRoutes } from "./access/record-access-routes.ts";
import { batchRoutes } from "./access/batch-routes.ts";
import { dropShares } from "./access/drop-shares.ts";
import { directoryRoutes } from "./org/directory-routes.ts";
import { auditRoutes } from "./audit/audit-routes.ts";
import { AuditRecordTrail } from "./audit/audit-record-trail.ts";
import { historyRoutes } from "./audit/history-routes.ts";
import { departmentTable } from "./org/org-tables.ts";
import { apiGate } from "./http/api-gate.ts";
import { Routes, type DeclaredRoute } from "./http/routes.ts";
import { refuseNulQuery } from "./http/refuse-nul-query.ts";
import { sameOrigin } from "./http/same-origin.ts";
import { serveUi } from "./http/serve-ui.ts";
import { compressResponses } from "./http/compress-responses.ts";
import { regionRoutes } from "./regions/region-routes.ts";
import { requestLocale } from "./i18n/request-locale.ts";
import { tr } from "./i18n/text.ts";
import { defaultExportLimits } from "./db/export-limits.ts";
import { ExportSlots } from "./export/export-slots.ts";
import { exportRoutes } from "./export/export-routes.ts";
import { assignNumber } from "./numbering/assign-number.ts";
import { moduleRoutes } from "./admin/module-routes.ts";

const maxBodyBytes = 1024 * 1024;
const bodyMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The HTTP app, with no side effects: `main.ts` serves it, tests call
 * `app.request()`. Every route declares its access policy; every /api path
 * needs a session except the routes declared public (health, login, the
 * opt-in company list); other GETs get the UI's pages.
 */
export function createApp(deps: EngineDeps) {
  const app = new Hono<AppEnv>();
  app.use("*", requestLocale(), compressResponses());
  app.onError(handleError);
  app.notFound((c) =>
    c.json(
      {
        error: {
          code: "not_found",
          message: tr("no route {method} {path}", { method: c.req.method, path: c.req.path }),
          details: null,
        },
      },
      404,
    ),
  );
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError(
        413,
        "too_large",
        tr("the body is larger than {max} bytes", { max: maxBodyBytes }),
      );
    },
  });
  // Only requests that carry a body: looking for one makes the node adapter build a
  // full Request, which on a GET costs more than the rest of the request.
  app.use("/api/*", (c, next) => (bodyMethods.has(c.req.method) ? limitBody(c, next) : next()));

  const exportSlots = new ExportSlots({ ...defaultExportLimits, ...deps.exportLimits });
  const session = requireSession(deps);
  const routes = new Routes(app, { public: [], session: [], admin: [requireAdmin] });
  app.use("*", sameOrigin(deps.publicUrl), apiGate(routes.declared, session));
  app.use("/api/*", refuseNulQuery());

  healthRoutes(routes.under("/api/health"), deps);
  authRoutes(routes.under("/api/auth"), deps);
  metaRoutes(routes.under("/api/meta"), deps.modules.actionKeys);
  openApiRoutes(routes.under("/api/openapi.json"), {
    secureCookies: deps.secureCookies,
    routes: routes.declared,
    actions: deps.modules.actionKeys,
  });
  const recordDeps = {
    db: deps.database.db,
    now: deps.now,
    newId: deps.newId,
    trustProxy: deps.trustProxy,
    assignOnCreate: assignNumber,
    recordsDeleted: dropShares,
    trail: (c: Context<AppEnv>) => AuditRecordTrail.of(c, deps.trustProxy),
  };
  recordRoutes(routes.under("/api/data"), recordDeps, [
    historyRoutes({ db: deps.database.db, departmentTable }),
    (under, service) => batchRoutes(under, recordDeps, service),
    (under, service) =>
      exportRoutes(under, { database: deps.database, slots: exportSlots }, service),
    (under, service) => recordAccessRoutes(under, recordDeps, service),
  ]);
  searchRoutes(routes.under("/api/search"), recordDeps);
  adminRoutes(routes.under("/api/admin"), deps);
  optionsRoutes(routes.under("/api/admin/options"), deps);
  moduleRoutes(routes.under("/api/admin/modules"), deps);
  departmentRoutes(routes.under("/api/admin/departments"), deps);
  userRoutes(routes.under("/api/admin/users"), { ...deps, credentials: userCredentials(deps) });
  roleRoutes(routes.under("/api/admin/roles"), deps);
  whyRoutes(routes.under("/api/admin/access"), deps);
  directoryRoutes(routes.under("/api/directory"), deps);
  auditRoutes(routes.under("/api/admin/audit"), deps, exportSlots);
  for (const module of deps.modules.ordered)
    module.routes?.register(routes.forModule(module.key, module.routes.prefix), deps);
  regionRoutes(routes.under("/api/regions"));
  // Last: the UI's fallback must not shadow any API route.
  serveUi(routes, { listCompanies: deps.listCompanies ?? false });
  declaredRoutes.set(app, routes.declared);
  return app;
}

const declaredRoutes = new WeakMap<Hono<AppEnv>, readonly DeclaredRoute[]>();

/** The routes of an app with their access policies, as declared when they were registered. */
export function routePolicies(app: Hono<AppEnv>): readonly DeclaredRoute[] {
  return declaredRoutes.get(app) ?? [];
}
