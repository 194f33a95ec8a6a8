import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requireAdmin, requireSession } from "./auth/require-session.ts";
import type { EngineDeps } from "./engine-deps.ts";
import { ApiError } from "./http/api-error.ts";
import type { AppEnv } from "./http/app-env.ts";
import { handleError } from "./http/error-handler.ts";
import { healthRoutes } from "./http/health-routes.ts";
import { recordRoutes } from "./records/record-routes.ts";
import { apiGate } from "./http/api-gate.ts";
import { Routes, type DeclaredRoute } from "./http/routes.ts";
import { refuseNulQuery } from "./http/refuse-nul-query.ts";
import { sameOrigin } from "./http/same-origin.ts";
import { serveUi } from "./http/serve-ui.ts";
import { compressResponses } from "./http/compress-responses.ts";
import { requestLocale } from "./i18n/request-locale.ts";
import { tr } from "./i18n/text.ts";
import { withServices } from "./module-services.ts";

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

  const moduleDeps = withServices(deps);
  const session = requireSession(moduleDeps);
  const routes = new Routes(app, { public: [], session: [], admin: [requireAdmin] });
  app.use("*", sameOrigin(deps.publicUrl), apiGate(routes.declared, session));
  app.use("/api/*", refuseNulQuery());

  healthRoutes(routes.under("/api/health"), deps);
  recordRoutes(routes.under("/api/data"), moduleDeps);
  for (const module of deps.modules.ordered)
    for (const group of module.routes ?? [])
      group.register(routes.forModule(module.key, group.prefix), moduleDeps);
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
